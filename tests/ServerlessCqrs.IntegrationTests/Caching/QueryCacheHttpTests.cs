using System.Net;
using System.Net.Http.Headers;

namespace ServerlessCqrs.IntegrationTests.Caching;

/// <summary>The LocalHost's query responses: cache headers, 304, invalidation by the Orders events, no-store, Redis across a restart.</summary>
public sealed class QueryCacheHttpTests(LocalHostFactory factory) : IClassFixture<LocalHostFactory>
{
    [Fact]
    public async Task TheSecondGetOrder_IsAHit_WithETagAgeAndMaxAge()
    {
        var client = factory.CreateClient();
        var orderId = await CreateSettledOrderAsync(client, "cache-1");

        var first = await client.GetAsync($"/api/queries/GetOrder?orderId={orderId}");
        var second = await client.GetAsync($"/api/queries/GetOrder?orderId={orderId}");

        Assert.Equal("miss", XCache(first));
        Assert.Equal("hit", XCache(second));
        Assert.Equal(first.Headers.ETag, second.Headers.ETag);
        Assert.Equal(TimeSpan.FromSeconds(30), second.Headers.CacheControl!.MaxAge);
        Assert.True(second.Headers.CacheControl.Private);
        Assert.NotNull(second.Headers.Age);
        Assert.Null(first.Headers.Age);
    }

    [Fact]
    public async Task IfNoneMatchWithTheCurrentETag_Gets304FromTheCache_AndAnOldETagGetsTheBody()
    {
        var client = factory.CreateClient();
        var orderId = await CreateSettledOrderAsync(client, "cache-2");
        var etag = (await client.GetAsync($"/api/queries/GetOrder?orderId={orderId}")).Headers.ETag!;

        var notModified = await SendAsync(client, orderId, etag);
        var modified = await SendAsync(client, orderId, new EntityTagHeaderValue("\"older\""));

        Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);
        Assert.Equal("hit", XCache(notModified));
        Assert.Empty(await notModified.Content.ReadAsByteArrayAsync());
        Assert.Equal(etag, notModified.Headers.ETag);
        Assert.Equal(HttpStatusCode.OK, modified.StatusCode);
    }

    [Fact]
    public async Task CacheControlNoCache_RunsTheHandlerNow_AndStoresItsAnswerForTheNext()
    {
        var client = factory.CreateClient();
        var orderId = await CreateSettledOrderAsync(client, "cache-fresh");
        var url = $"/api/queries/GetOrder?orderId={orderId}";
        var cached = await client.GetAsync(url);
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.CacheControl = new CacheControlHeaderValue { NoCache = true };

        var fresh = await client.SendAsync(request);
        var next = await client.GetAsync(url);

        Assert.Equal(HttpStatusCode.OK, fresh.StatusCode);
        Assert.Equal("miss", XCache(fresh));
        Assert.Equal("hit", XCache(next));
        Assert.Equal(cached.Headers.ETag, fresh.Headers.ETag);
    }

    [Fact]
    public async Task AfterConfirmOrder_GetOrderShowsConfirmed_WithinASecond()
    {
        var client = factory.CreateClient();
        var orderId = await CreateSettledOrderAsync(client, "cache-3");
        await client.GetAsync($"/api/queries/GetOrder?orderId={orderId}");
        Assert.Equal("hit", XCache(await client.GetAsync($"/api/queries/GetOrder?orderId={orderId}")));

        (await client.PostJsonAsync("/api/commands/ConfirmOrder", $$"""{"orderId":"{{orderId}}"}""")).EnsureSuccessStatusCode();

        await Eventually.HoldsAsync(
            async () => (await (await client.GetAsync($"/api/queries/GetOrder?orderId={orderId}")).ReadJsonAsync()).GetProperty("status").GetString() == "Confirmed",
            "GetOrder shows the confirmation",
            TimeSpan.FromSeconds(1));
    }

    [Fact]
    public async Task WithDurationZero_NoResponseIsEverAHit_AndEachSaysNoStore()
    {
        using var noStore = LocalHostFactory.With(new Dictionary<string, string> { ["Cqrs:Caching:Queries:GetOrder:DurationSeconds"] = "0" });
        var client = noStore.CreateClient();
        var orderId = await CreateSettledOrderAsync(client, "cache-4");

        var responses = new List<HttpResponseMessage>();
        for (var i = 0; i < 3; i++)
        {
            responses.Add(await client.GetAsync($"/api/queries/GetOrder?orderId={orderId}"));
        }

        Assert.All(responses, r => Assert.Equal(("miss", true), (XCache(r), r.Headers.CacheControl!.NoStore)));
    }

    [Fact]
    public async Task AProblem_CarriesNoCacheHeaders()
    {
        var response = await factory.CreateClient().GetAsync("/api/queries/GetOrder?orderId=nope");

        await response.AssertProblemAsync(HttpStatusCode.NotFound, "order_not_found");
        Assert.Null(response.Headers.ETag);
        Assert.False(response.Headers.Contains("X-Cache"));
    }

    [Fact]
    public async Task WithRedis_ARestartedLocalHostsFirstGetOrder_IsAHit()
    {
        await using var redis = await RedisServer.StartAsync();
        string orderId;
        using (var before = LocalHostFactory.With(new Dictionary<string, string> { ["ConnectionStrings:Redis"] = redis.ConnectionString }))
        {
            var client = before.CreateClient();
            orderId = await CreateSettledOrderAsync(client, "cache-5");
            await client.GetAsync($"/api/queries/GetOrder?orderId={orderId}");
            await Task.Delay(500); // the write to Redis finishes in the background
        }

        using var after = LocalHostFactory.With(new Dictionary<string, string> { ["ConnectionStrings:Redis"] = redis.ConnectionString });
        var response = await after.CreateClient().GetAsync($"/api/queries/GetOrder?orderId={orderId}");

        Assert.Equal((HttpStatusCode.OK, "hit"), (response.StatusCode, XCache(response)));
    }

    /// <summary>Creates an order and waits until its OrderCreated event is handled (it invalidates the order's tag).</summary>
    private static async Task<string> CreateSettledOrderAsync(HttpClient client, string customerId)
    {
        var orderId = await client.CreateOrderAsync(customerId);
        await Eventually.HoldsAsync(
            async () => (await (await client.GetAsync($"/api/queries/ListOrders?customerId={customerId}")).ReadJsonAsync()).GetProperty("items").GetArrayLength() > 0,
            "the order is projected");
        return orderId;
    }

    private static Task<HttpResponseMessage> SendAsync(HttpClient client, string orderId, EntityTagHeaderValue etag)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/queries/GetOrder?orderId={orderId}");
        request.Headers.IfNoneMatch.Add(etag);
        return client.SendAsync(request);
    }

    private static string? XCache(HttpResponseMessage response) =>
        response.Headers.TryGetValues("X-Cache", out var values) ? values.Single() : null;
}
