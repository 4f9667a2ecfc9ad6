using System.Net;
using System.Text.Json;

namespace ServerlessCqrs.IntegrationTests;

/// <summary>ListOrders a page at a time over HTTP, as a client follows it.</summary>
public sealed class ListPagingTests(LocalHostFactory factory) : IClassFixture<LocalHostFactory>
{
    [Fact]
    public async Task ACustomerWith230Orders_ReadsEveryOneOnce_ByFollowingTheContinuationToken()
    {
        using var client = factory.CreateClient();
        var customer = "many-" + Guid.NewGuid().ToString("N");
        var placed = new HashSet<string>();
        for (var i = 0; i < 230; i++)
        {
            placed.Add(await client.CreateOrderAsync(customer));
        }

        await Eventually.HoldsAsync(async () => (await ReadAllAsync(client, customer)).Count == 230, "all 230 orders are listed");
        var listed = await ReadAllAsync(client, customer);

        Assert.Equal(placed.Order(), listed.Order());
    }

    [Theory]
    [InlineData("not-a-token")]
    [InlineData("MzphYmM")]
    public async Task AContinuationTokenNoPageGave_IsA400(string token)
    {
        using var client = factory.CreateClient();

        var response = await client.GetAsync($"/api/queries/ListOrders?customerId=c1&continuationToken={token}");

        await response.AssertProblemAsync(HttpStatusCode.BadRequest, "validation_failed");
    }

    private static async Task<List<string>> ReadAllAsync(HttpClient client, string customer)
    {
        var ids = new List<string>();
        string? token = null;
        do
        {
            var page = await (await client.GetAsync($"/api/queries/ListOrders?customerId={customer}&limit=200"
                + (token is null ? "" : "&continuationToken=" + Uri.EscapeDataString(token)))).ReadJsonAsync();
            ids.AddRange(page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("orderId").GetString()!));
            token = page.TryGetProperty("continuationToken", out var next) && next.ValueKind == JsonValueKind.String ? next.GetString() : null;
        }
        while (token is not null);
        return ids;
    }
}
