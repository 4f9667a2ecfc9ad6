using System.Net;

namespace ServerlessCqrs.IntegrationTests;

/// <summary>Two LocalHost instances on one Azurite, as two Functions instances share one storage account.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class TwoLocalHostsTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task TheSameIdempotencyKey_SentToBothAtOnce_CreatesOneOrder()
    {
        var settings = azurite.Settings(store: "TableStorage", transport: "InProcess").Where(s => s.Value is not null).ToDictionary(s => s.Key, s => s.Value!);
        await using var first = LocalHostFactory.With(settings);
        await using var second = LocalHostFactory.With(settings);
        using var one = first.CreateClient();
        using var other = second.CreateClient();
        var key = Guid.NewGuid().ToString();
        var customer = "twice-" + Guid.NewGuid().ToString("N");

        var responses = await Task.WhenAll(Enumerable.Range(0, 10).Select(i => (i % 2 == 0 ? one : other).SendAsync(
            new HttpRequestMessage(HttpMethod.Post, "/api/commands/CreateOrder")
            {
                Content = Http.Json($$"""{"customerId":"{{customer}}","lines":[{"sku":"A-1","quantity":1,"unitPrice":1}]}"""),
                Headers = { { "Idempotency-Key", key } },
            })));

        var created = responses.Where(r => r.StatusCode == HttpStatusCode.Created).ToList();
        Assert.All(responses, r => Assert.Contains(r.StatusCode, new[] { HttpStatusCode.Created, HttpStatusCode.Conflict }));
        Assert.Single((await Task.WhenAll(created.Select(r => r.Content.ReadAsStringAsync()))).Distinct());
        Assert.Single(created, r => !r.Headers.Contains("Idempotent-Replayed"));
        await Eventually.HoldsAsync(async () =>
            (await (await one.GetAsync($"/api/queries/ListOrders?customerId={customer}")).ReadJsonAsync()).GetProperty("items").GetArrayLength() == 1,
            "one order is listed");
    }
}
