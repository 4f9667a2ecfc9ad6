using System.Net;
using ServerlessCqrs.Testing.Security;

namespace ServerlessCqrs.IntegrationTests;

public sealed class IdempotencyTests(LocalHostFactory factory) : IClassFixture<LocalHostFactory>
{
    private static HttpRequestMessage CreateOrder(string key, string customerId) => new(HttpMethod.Post, "/api/commands/CreateOrder")
    {
        Content = Http.Json($$"""{"customerId":"{{customerId}}","lines":[{"sku":"A-1","quantity":1,"unitPrice":1}]}"""),
        Headers = { { "Idempotency-Key", key } },
    };

    [Fact]
    public async Task RepeatedKey_ReturnsTheFirstOutcome_AndRunsTheCommandOnce()
    {
        using var client = factory.CreateClient();
        var key = Guid.NewGuid().ToString();
        var customer = "idem-" + Guid.NewGuid().ToString("N");

        var first = await client.SendAsync(CreateOrder(key, customer));
        var second = await client.SendAsync(CreateOrder(key, customer));

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.Created, second.StatusCode);
        Assert.Equal(await first.Content.ReadAsStringAsync(), await second.Content.ReadAsStringAsync());
        Assert.False(first.Headers.Contains("Idempotent-Replayed"));
        Assert.Equal(["true"], second.Headers.GetValues("Idempotent-Replayed"));
        await Eventually.HoldsAsync(async () =>
            (await (await client.GetAsync($"/api/queries/ListOrders?customerId={customer}")).ReadJsonAsync()).GetProperty("items").GetArrayLength() == 1,
            "the order is listed");
    }

    [Fact]
    public async Task ExpectedFailures_AreRemembered_Too()
    {
        using var client = factory.CreateClient();
        var key = Guid.NewGuid().ToString();

        HttpRequestMessage Reserve() => new(HttpMethod.Post, "/api/commands/Reserve") { Content = Http.Json("""{"seats":50}"""), Headers = { { "Idempotency-Key", key } } };
        var first = await client.SendAsync(Reserve());
        var second = await client.SendAsync(Reserve());

        await first.AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "too_many_seats");
        await second.AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "too_many_seats");
        Assert.True(second.Headers.Contains("Idempotent-Replayed"));
    }

    [Fact]
    public async Task SameKey_FromTwoUsers_IsTwoRequests()
    {
        await using var secured = LocalHostFactory.With(TestTokens.Settings.ToDictionary(s => s.Key, s => s.Value!));
        using var client = secured.CreateClient();
        var key = Guid.NewGuid().ToString();
        var customer = "idem-" + Guid.NewGuid().ToString("N");

        async Task<HttpResponseMessage> AsUserAsync(string user)
        {
            var request = CreateOrder(key, customer);
            request.Headers.Authorization = new("Bearer", TestTokens.For(user, "t1", TestTokens.AdminRole));
            return await client.SendAsync(request);
        }

        var first = await AsUserAsync("user-a");
        var second = await AsUserAsync("user-b");

        Assert.Equal((HttpStatusCode.Created, HttpStatusCode.Created), (first.StatusCode, second.StatusCode));
        Assert.NotEqual(await first.Content.ReadAsStringAsync(), await second.Content.ReadAsStringAsync());
        Assert.False(second.Headers.Contains("Idempotent-Replayed"));
    }

    [Fact]
    public async Task SameKey_WithADifferentBody_Is422()
    {
        using var client = factory.CreateClient();
        var key = Guid.NewGuid().ToString();

        await client.SendAsync(CreateOrder(key, "first-customer"));
        var reused = await client.SendAsync(CreateOrder(key, "other-customer"));

        await reused.AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "idempotency_key_reused");
    }

    [Fact]
    public async Task Fault_IsNotRemembered_SoARetryRunsAgain()
    {
        using var client = factory.CreateClient();
        var key = Guid.NewGuid().ToString();
        var tag = Guid.NewGuid().ToString("N");

        HttpRequestMessage Explode() => new(HttpMethod.Post, "/api/commands/Explode") { Content = Http.Json($$"""{"tag":"{{tag}}"}"""), Headers = { { "Idempotency-Key", key } } };
        await (await client.SendAsync(Explode())).AssertProblemAsync(HttpStatusCode.InternalServerError, "internal_error");
        await (await client.SendAsync(Explode())).AssertProblemAsync(HttpStatusCode.InternalServerError, "internal_error");

        Assert.Equal(2, factory.Probe.RunsOf("explode:" + tag));
    }

    [Theory]
    [InlineData("has space")]
    [InlineData("tab\there")]
    public async Task InvalidKey_Is400(string key)
    {
        using var client = factory.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/commands/ConfirmOrder") { Content = Http.Json("""{"orderId":"x"}""") };
        request.Headers.TryAddWithoutValidation("Idempotency-Key", key);

        await (await client.SendAsync(request)).AssertProblemAsync(HttpStatusCode.BadRequest, "invalid_idempotency_key");
    }

    [Fact]
    public async Task OverlongKey_Is400()
    {
        using var client = factory.CreateClient();

        await (await client.SendAsync(CreateOrder(new string('k', 256), "c1"))).AssertProblemAsync(HttpStatusCode.BadRequest, "invalid_idempotency_key");
    }
}
