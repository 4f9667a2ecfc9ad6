using System.Collections.Concurrent;
using System.Net;

namespace ServerlessCqrs.IntegrationTests;

/// <summary>
/// The LocalHost on Table Storage and the Storage Queue (Azurite): orders survive restarts, and a
/// host killed in the middle of a burst loses no accepted order or event.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class DurableOrdersTests(AzuriteFixture azurite)
{
    private Dictionary<string, string?> Settings()
    {
        var settings = azurite.Settings();
        // Events a killed host had received reappear this soon; the sweeper re-sends what it had not.
        settings["Cqrs:Events:StorageQueue:VisibilityTimeout"] = "00:00:03";
        settings["Cqrs:Events:MaxDeliveryAttempts"] = "10";
        // Handler claims the killed host held lapse this soon, so redeliveries can run them.
        settings["Cqrs:Events:HandlerLease"] = "00:00:03";
        return settings;
    }

    [Fact]
    public async Task CreateAndConfirm_ReachTheReadModelThroughTheQueue_AndOutliveTheHost()
    {
        var settings = Settings();
        var customer = "durable-" + Guid.NewGuid().ToString("N");
        string orderId;
        await using (var host = await LocalHostProcess.StartAsync(settings))
        {
            using var client = host.CreateClient();
            orderId = await client.CreateOrderAsync(customer);
            Assert.Equal(HttpStatusCode.OK, (await client.PostJsonAsync("/api/commands/ConfirmOrder", $$"""{"orderId":"{{orderId}}"}""")).StatusCode);
            await Eventually.HoldsAsync(async () => (await StatusesAsync(client, customer)).GetValueOrDefault(orderId) == "Confirmed",
                "ListOrders shows the order confirmed");
        }

        await using var restarted = await LocalHostProcess.StartAsync(settings);
        using var again = restarted.CreateClient();
        var order = await (await again.GetAsync($"/api/queries/GetOrder?orderId={orderId}")).ReadJsonAsync();
        Assert.Equal(("Confirmed", 2), (order.GetProperty("status").GetString(), order.GetProperty("version").GetInt32()));
        Assert.Equal("Confirmed", (await StatusesAsync(again, customer))[orderId]);
    }

    [Fact]
    public async Task HostKilledMidBurst_EveryAcceptedOrderReachesTheReadModelWithItsFinalStatus_AfterARestart()
    {
        var settings = Settings();
        var customer = "burst-" + Guid.NewGuid().ToString("N");
        var created = new ConcurrentBag<string>();
        var confirmed = new ConcurrentBag<string>();
        var host = await LocalHostProcess.StartAsync(settings);
        using (var client = host.CreateClient())
        {
            var calls = 0;
            var burst = Parallel.ForEachAsync(Enumerable.Range(0, 100), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (i, _) =>
            {
                try
                {
                    var create = await client.PostJsonAsync("/api/commands/CreateOrder",
                        $$"""{"customerId":"{{customer}}","lines":[{"sku":"A-{{i}}","quantity":1,"unitPrice":1}]}""");
                    Interlocked.Increment(ref calls);
                    if (create.StatusCode != HttpStatusCode.Created)
                    {
                        return;
                    }

                    var orderId = (await create.ReadJsonAsync()).GetProperty("orderId").GetString()!;
                    created.Add(orderId);
                    var confirm = await client.PostJsonAsync("/api/commands/ConfirmOrder", $$"""{"orderId":"{{orderId}}"}""");
                    Interlocked.Increment(ref calls);
                    if (confirm.StatusCode == HttpStatusCode.OK)
                    {
                        confirmed.Add(orderId);
                    }
                }
                catch (HttpRequestException)
                {
                    // The host died under this call: not accepted.
                }
            });
            await Eventually.HoldsAsync(() => Volatile.Read(ref calls) >= 100, "half the burst answered");
            await host.KillAsync();
            await burst;
        }

        await host.DisposeAsync();
        Assert.InRange(created.Count, 40, 99);

        await using var restarted = await LocalHostProcess.StartAsync(settings);
        using var again = restarted.CreateClient();
        // Every accepted order is listed, every accepted confirmation shows, and the read model agrees
        // with the write side for every order — including those whose reply the crash swallowed.
        await Eventually.HoldsAsync(async () =>
        {
            var statuses = await StatusesAsync(again, customer);
            if (!created.All(statuses.ContainsKey) || !confirmed.All(id => statuses[id] == "Confirmed"))
            {
                return false;
            }

            foreach (var (orderId, status) in statuses)
            {
                var order = await (await again.GetAsync($"/api/queries/GetOrder?orderId={orderId}")).ReadJsonAsync();
                if (order.GetProperty("status").GetString() != status)
                {
                    return false;
                }
            }

            return true;
        }, "the read model holds every accepted order with its final status", TimeSpan.FromSeconds(60));
    }

    private static async Task<Dictionary<string, string>> StatusesAsync(HttpClient client, string customer)
    {
        var list = await (await client.GetAsync($"/api/queries/ListOrders?customerId={customer}&limit=200")).ReadJsonAsync();
        return list.GetProperty("items").EnumerateArray().ToDictionary(
            i => i.GetProperty("orderId").GetString()!, i => i.GetProperty("status").GetString()!);
    }
}
