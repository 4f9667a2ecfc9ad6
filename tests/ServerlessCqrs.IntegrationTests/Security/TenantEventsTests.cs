using Azure.Data.Tables;
using ServerlessCqrs.Testing.Security;

namespace ServerlessCqrs.IntegrationTests.Security;

/// <summary>
/// Two LocalHost instances on one Azurite with bearer tokens: an event raised by tenant t1's command goes through
/// the outbox and the Storage Queue carrying t1, and the projection, run as the service for t1, writes into t1's
/// partition, which both instances read and another tenant never sees.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class TenantEventsTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task AnEventOfTenantA_IsProjectedIntoAsPartition_AndBothInstancesAgree()
    {
        var settings = azurite.Settings().Concat(TestTokens.Settings).Where(s => s.Value is not null).ToDictionary(s => s.Key, s => s.Value!);
        await using var first = LocalHostFactory.With(settings);
        await using var second = LocalHostFactory.With(settings);
        var alice = "alice-" + Guid.NewGuid().ToString("N")[..8];
        using var one = Client(first, TestTokens.For(alice, SecurityMatrix.Tenant));
        using var other = Client(second, TestTokens.For(alice, SecurityMatrix.Tenant));

        var orderId = await one.CreateOrderAsync(alice);

        foreach (var client in new[] { one, other })
        {
            await Eventually.HoldsAsync(async () => (await ListAsync(client, alice)).Contains(orderId), "both instances list the order for its tenant");
        }

        var table = new TableClient(settings["ConnectionStrings:Storage"], "OrderSummaries");
        // The read-model store escapes its keys.
        var partition = Uri.EscapeDataString($"{SecurityMatrix.Tenant}|{alice}");
        Assert.NotEmpty(await table.QueryAsync<TableEntity>(e => e.PartitionKey == partition).ToListAsync());
        Assert.Empty(await table.QueryAsync<TableEntity>(e => e.PartitionKey == alice).ToListAsync());
        using var carol = Client(second, TestTokens.For("carol", SecurityMatrix.OtherTenant, TestTokens.AdminRole));
        Assert.Empty(await ListAsync(carol, alice));
    }

    private static HttpClient Client(LocalHostFactory host, string token)
    {
        var client = host.CreateClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer", token);
        return client;
    }

    private static async Task<List<string>> ListAsync(HttpClient client, string customer)
    {
        var list = await (await client.GetAsync($"/api/queries/ListOrders?customerId={customer}")).ReadJsonAsync();
        return [.. list.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("orderId").GetString()!)];
    }
}
