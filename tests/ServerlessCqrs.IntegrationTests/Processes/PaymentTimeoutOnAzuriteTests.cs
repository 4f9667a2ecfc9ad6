using System.Diagnostics.Metrics;
using System.Net.Http.Json;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using ServerlessCqrs.Diagnostics;
using ServerlessCqrs.Processes;

namespace ServerlessCqrs.IntegrationTests.Processes;

/// <summary>
/// The payment timeout on Table Storage and a Storage Queue in Azurite, due after 2 seconds: the queue holds the
/// timeout invisible until then, so it fires with nothing running in between, survives a killed host, and fires once
/// however many instances listen.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class PaymentTimeoutOnAzuriteTests(AzuriteFixture azurite)
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task TheTimeout_FiresOnce_AndCancelsTheOrder()
    {
        var settings = Settings();
        await using var host = LocalHostFactory.With(settings);
        using var timedOut = TimedOut(host);
        using var client = host.CreateClient();

        var orderId = await ConfirmedOrderAsync(client);
        var waiting = await WaitingTimeoutAsync(client, orderId);
        Assert.NotNull(waiting.Handle);

        await CancelledAsync(client, orderId);
        Assert.Equal(1, timedOut.GetMeasurementSnapshot().EvaluateAsCounter());
        Assert.DoesNotContain(await ListAsync(client), t => t.CorrelationId == orderId);
        var payment = await (await client.GetAsync($"/api/queries/GetPayment?orderId={orderId}")).ReadJsonAsync();
        Assert.Equal("TimedOut", payment.GetProperty("status").GetString());
    }

    [Fact]
    public async Task AHostKilledWhileTheProcessWaits_StillTimesOut_OnTheNextHost()
    {
        var settings = Settings();
        string orderId;
        await using (var first = await LocalHostProcess.StartAsync(settings.ToDictionary(s => s.Key, s => (string?)s.Value)))
        {
            using var client = first.CreateClient();
            orderId = await ConfirmedOrderAsync(client);
            await WaitingTimeoutAsync(client, orderId);
            await first.KillAsync();
        }

        await using var second = LocalHostFactory.With(settings);
        using var timedOut = TimedOut(second);
        using var next = second.CreateClient();
        await CancelledAsync(next, orderId);
        Assert.Equal(1, timedOut.GetMeasurementSnapshot().EvaluateAsCounter());
    }

    [Fact]
    public async Task TwoInstancesOnOneAzurite_CancelTheOrderOnce()
    {
        var settings = Settings();
        await using var first = LocalHostFactory.With(settings);
        await using var second = LocalHostFactory.With(settings);
        using var timedOutFirst = TimedOut(first);
        using var timedOutSecond = TimedOut(second);
        using var one = first.CreateClient();
        using var other = second.CreateClient();

        var orderId = await ConfirmedOrderAsync(one);

        await CancelledAsync(other, orderId);
        await Eventually.HoldsAsync(async () => !(await ListAsync(one)).Any(t => t.CorrelationId == orderId), "the timeout is no longer listed", Bound);
        Assert.Equal(1, timedOutFirst.GetMeasurementSnapshot().EvaluateAsCounter() + timedOutSecond.GetMeasurementSnapshot().EvaluateAsCounter());
        var order = await (await other.GetAsync($"/api/queries/GetOrder?orderId={orderId}")).ReadJsonAsync();
        Assert.Equal(3, order.GetProperty("version").GetInt64()); // created, confirmed, cancelled: one cancellation
    }

    private Dictionary<string, string> Settings()
    {
        var settings = azurite.Settings().Where(s => s.Value is not null).ToDictionary(s => s.Key, s => s.Value!);
        settings["Payments:Timeout"] = "00:00:02";
        settings["Cqrs:Http:EnableAdminApi"] = "true";
        return settings;
    }

    private static MetricCollector<long> TimedOut(LocalHostFactory host) =>
        new(host.Services.GetRequiredService<IMeterFactory>(), CqrsDiagnostics.MeterName, CqrsDiagnostics.Instruments.ProcessesTimedOut);

    private static async Task<string> ConfirmedOrderAsync(HttpClient client)
    {
        var orderId = await client.CreateOrderAsync("payer-" + Guid.NewGuid().ToString("N")[..8]);
        var confirmed = await client.PostAsync("/api/commands/ConfirmOrder", Http.Json($$"""{"orderId":"{{orderId}}"}"""));
        Assert.True(confirmed.IsSuccessStatusCode, await confirmed.Content.ReadAsStringAsync());
        return orderId;
    }

    private static async Task<ProcessTimeoutEntry> WaitingTimeoutAsync(HttpClient client, string orderId)
    {
        ProcessTimeoutEntry? waiting = null;
        await Eventually.HoldsAsync(async () => (waiting = (await ListAsync(client)).FirstOrDefault(t => t.CorrelationId == orderId)) is not null,
            "the payment process waits for its timeout", Bound);
        return waiting!;
    }

    private static async Task CancelledAsync(HttpClient client, string orderId) =>
        await Eventually.HoldsAsync(async () =>
        {
            var order = await (await client.GetAsync($"/api/queries/GetOrder?orderId={orderId}")).ReadJsonAsync();
            return order.GetProperty("status").GetString() == "Cancelled";
        }, "the order is cancelled for payment_timeout", Bound);

    private static async Task<ProcessTimeoutEntry[]> ListAsync(HttpClient client) =>
        (await client.GetFromJsonAsync<ProcessTimeoutEntry[]>("/api/ops/timeouts?max=1000"))!;
}
