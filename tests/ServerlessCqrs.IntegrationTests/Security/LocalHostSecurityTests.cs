using ServerlessCqrs.Testing.Security;

namespace ServerlessCqrs.IntegrationTests.Security;

/// <summary>The LocalHost with bearer tokens configured: every message × every kind of caller, cache isolation, the catalog.</summary>
public sealed class LocalHostSecurityTests(SecuredLocalHost host) : IClassFixture<SecuredLocalHost>
{
    public static IEnumerable<object[]> Cases() => SecurityMatrix.Cases();

    [Theory]
    [MemberData(nameof(Cases))]
    public Task EachMessage_AnswersEachCaller_AsDocumented(string message, string caller) =>
        SecurityMatrix.RunAsync(host.SendAsync, Started().Runs, message, caller);

    [Fact]
    public async Task ACachedAnswer_IsNeverServedToAnotherTenant_OrAnotherUser()
    {
        Started();
        var alice = TestTokens.For("alice-cache", SecurityMatrix.Tenant);
        var created = await host.SendAsync(new ApiCall("POST", "/api/commands/CreateOrder", """{"lines":[{"sku":"A-1","quantity":1,"unitPrice":5}]}""", alice));
        var orderId = created.Json.GetProperty("orderId").GetString();
        var get = new ApiCall("GET", $"/api/queries/GetOrder?orderId={orderId}", Bearer: alice);
        var list = new ApiCall("GET", "/api/queries/ListOrders?customerId=alice-cache", Bearer: alice);
        Assert.Equal(200, (await host.SendAsync(get)).Status);
        await Eventually.HoldsAsync(async () => (await host.SendAsync(list)).Json.GetProperty("items").GetArrayLength() == 1, "alice's list shows her order");
        var getsBefore = host.Runs.Of("GetOrder");

        var carol = TestTokens.For("carol", SecurityMatrix.OtherTenant, TestTokens.AdminRole);
        Assert.Equal(404, (await host.SendAsync(get with { Bearer = carol })).Status);
        Assert.Equal(0, (await host.SendAsync(list with { Bearer = carol })).Json.GetProperty("items").GetArrayLength());
        Assert.Equal(403, (await host.SendAsync(get with { Bearer = TestTokens.For("bob", SecurityMatrix.Tenant) })).Status);
        Assert.Equal(getsBefore + 2, host.Runs.Of("GetOrder"));
    }

    [Fact]
    public async Task TheCatalog_SaysEachMessageNeedsAnAuthenticatedCaller()
    {
        Started();
        var catalog = (await host.SendAsync(new ApiCall("GET", "/api/catalog"))).Json;

        var messages = catalog.GetProperty("commands").EnumerateArray().Concat(catalog.GetProperty("queries").EnumerateArray()).ToList();
        Assert.Equal(SecurityMatrix.Messages.Order(), messages.Where(m => m.GetProperty("tag").GetString() == "Orders").Select(m => m.GetProperty("name").GetString()).Order());
        Assert.All(messages, m => Assert.True(m.GetProperty("authorization").GetProperty("authenticated").GetBoolean()));
        Assert.All(messages, m => Assert.Equal(0, m.GetProperty("authorization").GetProperty("roles").GetArrayLength()));
    }

    private SecuredLocalHost Started()
    {
        // The first client starts the host, which composes its services (and so the handler-run counter).
        host.CreateClient().Dispose();
        return host;
    }
}
