using System.Text.Json;

namespace ServerlessCqrs.Functions.Tests;

public sealed class HttpFunctionsTests(FunctionsAppFixture app) : IClassFixture<FunctionsAppFixture>
{
    [Fact]
    public async Task Functions_CarryAnOrderFromCreateToTheProjection()
    {
        var customer = "fn-" + Guid.NewGuid().ToString("N");

        var (createStatus, created) = await app.InvokeAsync((f, r) => f.SendCommandAsync(r, "CreateOrder"), "POST",
            $$"""{"customerId":"{{customer}}","lines":[{"sku":"A-1","quantity":2,"unitPrice":9.5}]}""");
        var orderId = JsonDocument.Parse(created).RootElement.GetProperty("orderId").GetString();
        var (getStatus, order) = await app.InvokeAsync((f, r) => f.RunQueryAsync(r, "GetOrder"), "GET", query: $"?orderId={orderId}");
        var (confirmStatus, _) = await app.InvokeAsync((f, r) => f.SendCommandAsync(r, "ConfirmOrder"), "POST", $$"""{"orderId":"{{orderId}}"}""");

        Assert.Equal(201, createStatus);
        Assert.Equal(200, getStatus);
        Assert.Contains("\"status\":\"Created\"", order, StringComparison.Ordinal);
        Assert.Equal(200, confirmStatus);
        await Eventually.HoldsAsync(async () =>
        {
            var (_, list) = await app.InvokeAsync((f, r) => f.RunQueryAsync(r, "ListOrders"), "POST", $$"""{"customerId":"{{customer}}"}""");
            return list == $$"""{"items":[{"orderId":"{{orderId}}","status":"Confirmed","total":19.0}]}""";
        }, "the projection shows the order confirmed");
    }

    [Fact]
    public async Task SendCommand_MapsExpectedFailuresToProblems()
    {
        var (status, body) = await app.InvokeAsync((f, r) => f.SendCommandAsync(r, "CreateOrder"), "POST", "{\"customerId\":");

        Assert.Equal(400, status);
        Assert.Equal("malformed_json", JsonDocument.Parse(body).RootElement.GetProperty("code").GetString());
    }

    [Fact]
    public async Task Catalog_AndHealth_Answer()
    {
        var (catalogStatus, catalog) = await app.InvokeAsync((f, _) => Task.FromResult(f.GetCatalog(null!)), "GET");
        var (healthStatus, health) = await app.InvokeAsync((f, r) => f.CheckHealthAsync(r), "GET");

        Assert.Equal(200, catalogStatus);
        Assert.Contains("\"name\":\"CreateOrder\"", catalog, StringComparison.Ordinal);
        Assert.Contains("\"openapi\":\"/api/openapi.json\"", catalog, StringComparison.Ordinal);
        Assert.Equal(200, healthStatus);
        Assert.Contains("Healthy", health, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OpenApi_DescribesEveryMessage_BehindAFunctionKey_ButHealth()
    {
        var (status, body) = await app.InvokeAsync((f, r) => Task.FromResult(f.GetOpenApiDocument(r)), "GET");
        var document = JsonDocument.Parse(body).RootElement;

        Assert.Equal(200, status);
        Assert.Equal("3.1.2", document.GetProperty("openapi").GetString());
        var schemes = document.GetProperty("components").GetProperty("securitySchemes");
        Assert.Equal("x-functions-key", schemes.GetProperty("functionKeyHeader").GetProperty("name").GetString());
        Assert.Equal("code", schemes.GetProperty("functionKeyQuery").GetProperty("name").GetString());
        var operations = document.GetProperty("paths").EnumerateObject()
            .SelectMany(path => path.Value.EnumerateObject().Select(operation => (Path: path.Name, Security: operation.Value.GetProperty("security"))))
            .ToList();
        Assert.Superset(
            new HashSet<string> { "/api/commands/CreateOrder", "/api/commands/ConfirmOrder", "/api/commands/CancelOrder", "/api/queries/GetOrder", "/api/queries/ListOrders" },
            operations.Select(o => o.Path).ToHashSet());
        Assert.All(operations.Where(o => o.Path != "/api/health"), o => Assert.Equal(
            ["functionKeyHeader", "functionKeyQuery"],
            o.Security.EnumerateArray().SelectMany(requirement => requirement.EnumerateObject().Select(scheme => scheme.Name)).Order()));
        Assert.Empty(operations.Single(o => o.Path == "/api/health").Security.EnumerateArray().SelectMany(r => r.EnumerateObject()));
    }
}
