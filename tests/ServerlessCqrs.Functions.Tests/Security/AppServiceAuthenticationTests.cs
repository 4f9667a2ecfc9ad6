using ServerlessCqrs.Testing.Security;
using static ServerlessCqrs.Functions.Tests.Security.FunctionsSecurityTests;

namespace ServerlessCqrs.Functions.Tests.Security;

/// <summary>The Functions app with App Service Authentication on (WEBSITE_AUTH_ENABLED=True): the platform's principal is the caller.</summary>
public sealed class AppServiceAuthenticationTests : IAsyncLifetime
{
    private SecuredFunctionsApp _app = null!;

    public async Task InitializeAsync() =>
        _app = await SecuredFunctionsApp.StartAsync(new Dictionary<string, string?> { ["WEBSITE_AUTH_ENABLED"] = "True" });

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task ThePlatformsPrincipal_IsTheCaller_WithItsTenantUserAndRoles()
    {
        var alice = Header(Principal(("http://schemas.microsoft.com/identity/claims/tenantid", "t1"),
            ("http://schemas.microsoft.com/identity/claims/objectidentifier", "alice-oid")));
        var created = await _app.SendAsync(new ApiCall("POST", "/api/commands/CreateOrder", """{"lines":[{"sku":"A-1","quantity":1,"unitPrice":5}]}""", Headers: alice));
        Assert.Equal(201, created.Status);
        var get = new ApiCall("GET", $"/api/queries/GetOrder?orderId={created.Json.GetProperty("orderId").GetString()}");

        var own = await _app.SendAsync(get with { Headers = alice });
        var otherTenant = await _app.SendAsync(get with { Headers = Header(Principal(
            ("http://schemas.microsoft.com/identity/claims/tenantid", "t2"), ("sub", "carol"), ("roles", TestTokens.AdminRole))) });
        var anonymous = await _app.SendAsync(get);

        Assert.Equal("alice-oid", own.Json.GetProperty("customerId").GetString());
        Assert.Equal((404, 401), (otherTenant.Status, anonymous.Status));
    }

    [Theory]
    [InlineData("not base64!")]
    [InlineData("bm90IGpzb24=")]
    [InlineData("eyJjbGFpbXMiOiJub3QgYW4gYXJyYXkifQ==")]
    [InlineData("W10=")]
    public async Task AMalformedPrincipal_IsA401_NeverA500(string principal)
    {
        var answer = await _app.SendAsync(new ApiCall("GET", "/api/queries/ListOrders?customerId=alice", Headers: Header(principal)));

        Assert.Equal(401, answer.Status);
    }

    [Fact]
    public async Task AHugePrincipal_IsA401()
    {
        var huge = Principal([.. Enumerable.Range(0, 2_000).Select(i => ($"claim{i}", new string('x', 40)))]);
        Assert.True(huge.Length > 100_000);

        var answer = await _app.SendAsync(new ApiCall("GET", "/api/queries/ListOrders?customerId=alice", Headers: Header(huge)));

        Assert.Equal(401, answer.Status);
        Assert.Equal(0, _app.Runs.Of("ListOrders"));
    }
}
