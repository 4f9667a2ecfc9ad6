using System.Net;

namespace ServerlessCqrs.IntegrationTests;

/// <summary>The README's walk-through, over HTTP against the LocalHost.</summary>
public sealed class OrdersWalkthroughTests(LocalHostFactory factory) : IClassFixture<LocalHostFactory>
{
    [Fact]
    public async Task CreateGetConfirmList_FollowsTheOrderThroughCommandsQueriesAndTheProjection()
    {
        using var client = factory.CreateClient();
        var customer = "walk-" + Guid.NewGuid().ToString("N");

        var create = await client.PostJsonAsync("/api/commands/CreateOrder",
            $$"""{"customerId":"{{customer}}","lines":[{"sku":"A-1","quantity":2,"unitPrice":9.5}]}""");
        Assert.Equal(HttpStatusCode.Created, create.StatusCode);
        var orderId = (await create.ReadJsonAsync()).GetProperty("orderId").GetString()!;

        var order = await (await client.GetAsync($"/api/queries/GetOrder?orderId={orderId}")).ReadJsonAsync();
        Assert.Equal(
            $$"""{"orderId":"{{orderId}}","customerId":"{{customer}}","status":"Created","lines":[{"sku":"A-1","quantity":2,"unitPrice":9.5}],"total":19.0,"version":1}""",
            order.GetRawText());

        var confirm = await client.PostJsonAsync("/api/commands/ConfirmOrder", $$"""{"orderId":"{{orderId}}"}""");
        Assert.Equal(HttpStatusCode.OK, confirm.StatusCode);

        await Eventually.HoldsAsync(async () =>
        {
            var list = await (await client.GetAsync($"/api/queries/ListOrders?customerId={customer}")).ReadJsonAsync();
            return list.GetRawText() == $$"""{"items":[{"orderId":"{{orderId}}","status":"Confirmed","total":19.0}]}""";
        }, "ListOrders shows the order as Confirmed");

        var cancel = await client.PostJsonAsync("/api/commands/CancelOrder", $$"""{"orderId":"{{orderId}}","reason":"too late"}""");
        await cancel.AssertProblemAsync(HttpStatusCode.Conflict, "order_confirmed");
    }

    [Fact]
    public async Task CancelledOrder_CannotBeConfirmed()
    {
        using var client = factory.CreateClient();
        var orderId = await client.CreateOrderAsync("cancel-" + Guid.NewGuid().ToString("N"));

        var cancel = await client.PostJsonAsync("/api/commands/CancelOrder", $$"""{"orderId":"{{orderId}}","reason":"changed my mind"}""");
        var confirm = await client.PostJsonAsync("/api/commands/ConfirmOrder", $$"""{"orderId":"{{orderId}}"}""");

        Assert.Equal(HttpStatusCode.OK, cancel.StatusCode);
        await confirm.AssertProblemAsync(HttpStatusCode.Conflict, "order_cancelled");
    }

    [Fact]
    public async Task QueryByPost_BindsTheJsonBody()
    {
        using var client = factory.CreateClient();
        var orderId = await client.CreateOrderAsync("post-" + Guid.NewGuid().ToString("N"));

        var response = await client.PostJsonAsync("/api/queries/GetOrder", $$"""{"orderId":"{{orderId}}"}""");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(orderId, (await response.ReadJsonAsync()).GetProperty("orderId").GetString());
    }

    [Fact]
    public async Task MessageNames_IgnoreCase()
    {
        using var client = factory.CreateClient();

        var response = await client.GetAsync("/api/queries/listorders?CUSTOMERID=nobody");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("""{"items":[]}""", (await response.ReadJsonAsync()).GetRawText());
    }

    [Fact]
    public async Task Catalog_IndexesEveryCommandAndQuery_IntoTheOpenApiDocument()
    {
        using var client = factory.CreateClient();

        var catalog = await (await client.GetAsync("/api/catalog")).ReadJsonAsync();
        var document = await (await client.GetAsync("/api/openapi.json")).ReadJsonAsync();

        var commands = catalog.GetProperty("commands").EnumerateArray().ToDictionary(c => c.GetProperty("name").GetString()!);
        var queries = catalog.GetProperty("queries").EnumerateArray().ToDictionary(c => c.GetProperty("name").GetString()!);
        Assert.Superset(new HashSet<string> { "CreateOrder", "ConfirmOrder", "CancelOrder" }, commands.Keys.ToHashSet());
        Assert.Equal(["GetOrder", "GetPayment", "ListOrders"], queries.Keys.Order());
        Assert.DoesNotContain("MarkOrderPaid", commands.Keys); // Only the payment process sends it.
        var create = commands["CreateOrder"];
        Assert.Equal("/api/commands/CreateOrder", create.GetProperty("route").GetString());
        Assert.Equal("Orders", create.GetProperty("tag").GetString());
        Assert.Equal("Places an order.", create.GetProperty("summary").GetString());
        Assert.Equal("/api/openapi.json#/components/schemas/CreateOrder", create.GetProperty("schema").GetString());
        Assert.Equal("/api/openapi.json#/components/schemas/CreateOrderResult", create.GetProperty("result").GetString());
        Assert.Contains("order_forbidden", create.GetProperty("problems").GetProperty("403").EnumerateArray().Select(c => c.GetString()));
        Assert.Equal("GET, POST", queries["GetOrder"].GetProperty("methods").GetString());
        foreach (var entry in commands.Values.Concat(queries.Values))
        {
            var pointer = entry.GetProperty("schema").GetString()!.Split('#')[1].Split('/', StringSplitOptions.RemoveEmptyEntries);
            Assert.True(document.GetProperty(pointer[0]).GetProperty(pointer[1]).TryGetProperty(pointer[2], out _), $"{pointer[2]} is in the document");
        }

        Assert.Contains(catalog.GetProperty("events").EnumerateArray(), e => e.GetProperty("name").GetString() == "OrderConfirmed");
    }

    [Fact]
    public async Task Health_IsHealthy_AndNotCached_AsTheReadmeShows()
    {
        const string Body = """{"status":"Healthy","checks":{"redis":"Healthy"}}""";
        using var client = factory.CreateClient();

        var response = await client.GetAsync("/api/health");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(Body, await response.Content.ReadAsStringAsync());
        Assert.True(response.Headers.CacheControl?.NoStore);
        var example = (await File.ReadAllLinesAsync(Repository.PathOf("README.md"))).Single(line => line.StartsWith("curl -s $API/health", StringComparison.Ordinal));
        Assert.EndsWith("# " + Body, example, StringComparison.Ordinal);
    }
}
