using System.Net.Http.Headers;
using System.Text;
using ServerlessCqrs.IntegrationTests.Security;
using ServerlessCqrs.Testing.Security;

namespace ServerlessCqrs.IntegrationTests.ApiDescription;

/// <summary>
/// The document cannot lie: every operation is driven against a running LocalHost with valid input and each documented
/// failure it can reach, and every real response is checked against the document that host serves.
/// </summary>
public sealed class DocumentConformanceTests(LocalHostFactory open, SecuredLocalHost secured)
    : IClassFixture<LocalHostFactory>, IClassFixture<SecuredLocalHost>
{
    [Fact]
    public async Task EveryResponse_OfEveryOperation_IsWhatTheDocumentSays()
    {
        using var client = open.CreateClient();
        var document = await DocumentedResponses.ReadAsync(client);
        var failures = new List<string>();
        async Task<HttpResponseMessage> Send(HttpMethod method, string path, string? json = null, Action<HttpRequestMessage>? configure = null)
        {
            using var request = new HttpRequestMessage(method, path);
            if (json is not null)
            {
                request.Content = Http.Json(json);
            }

            configure?.Invoke(request);
            var response = await client.SendAsync(request);
            failures.AddRange(await document.CheckAsync(method, path, response));
            return response;
        }

        const string Order = """{"customerId":"conform","lines":[{"sku":"A-1","quantity":2,"unitPrice":9.5}]}""";
        var created = await Send(HttpMethod.Post, "/api/commands/CreateOrder", Order);
        var orderId = (await created.ReadJsonAsync()).GetProperty("orderId").GetString()!;
        var cancelledId = await client.CreateOrderAsync("conform");
        var key = Guid.NewGuid().ToString("N");
        await Send(HttpMethod.Post, "/api/commands/CreateOrder", Order, r => r.Headers.Add("Idempotency-Key", key));
        await Send(HttpMethod.Post, "/api/commands/CreateOrder", Order, r => r.Headers.Add("Idempotency-Key", key));
        await Send(HttpMethod.Post, "/api/commands/CreateOrder", """{"lines":[]}""", r => r.Headers.Add("Idempotency-Key", key));
        await Send(HttpMethod.Post, "/api/commands/CreateOrder", Order, r => r.Headers.TryAddWithoutValidation("Idempotency-Key", "with space"));
        await Send(HttpMethod.Post, "/api/commands/CreateOrder", """{"customerId":"c1","lines":[]}""");
        await Send(HttpMethod.Post, "/api/commands/CreateOrder", """{"customerId":""");
        await Send(HttpMethod.Post, "/api/commands/CreateOrder", configure: r => r.Content = new StringContent("<order/>", Encoding.UTF8, "application/xml"));
        await Send(HttpMethod.Post, "/api/commands/CreateOrder", $$"""{"customerId":"{{new string('x', 2 * 1024 * 1024)}}"}""");

        await Send(HttpMethod.Get, $"/api/queries/GetOrder?orderId={orderId}");
        var read = await Send(HttpMethod.Get, $"/api/queries/GetOrder?orderId={orderId}");
        await Send(HttpMethod.Get, $"/api/queries/GetOrder?orderId={orderId}", configure: r => r.Headers.IfNoneMatch.Add(read.Headers.ETag!));
        await Send(HttpMethod.Get, $"/api/queries/GetOrder?orderId={orderId}", configure: r => r.Headers.CacheControl = new CacheControlHeaderValue { NoCache = true });
        await Send(HttpMethod.Get, "/api/queries/GetOrder?orderId=missing");
        await Send(HttpMethod.Get, "/api/queries/GetOrder?orderId=a&orderId=b");
        await Send(HttpMethod.Get, "/api/queries/GetOrder?orderId=a%2Fb");
        await Send(HttpMethod.Post, "/api/queries/GetOrder", $$"""{"orderId":"{{orderId}}"}""");
        await Send(HttpMethod.Post, "/api/queries/GetOrder", """{"orderId":""");
        await Send(HttpMethod.Post, "/api/queries/GetOrder", configure: r => r.Content = new StringContent("orderId=1", Encoding.UTF8, "text/plain"));

        await Send(HttpMethod.Get, "/api/queries/ListOrders?customerId=conform&limit=1");
        await Send(HttpMethod.Get, "/api/queries/ListOrders?customerId=conform&continuationToken=forged");
        await Send(HttpMethod.Get, "/api/queries/ListOrders?limit=lots");
        await Send(HttpMethod.Post, "/api/queries/ListOrders", """{"customerId":"conform"}""");

        await Send(HttpMethod.Post, "/api/commands/CancelOrder", $$"""{"orderId":"{{cancelledId}}","reason":"changed my mind"}""");
        await Send(HttpMethod.Post, "/api/commands/ConfirmOrder", $$"""{"orderId":"{{cancelledId}}"}""");
        await Send(HttpMethod.Post, "/api/commands/ConfirmOrder", $$"""{"orderId":"{{orderId}}"}""");
        await Send(HttpMethod.Post, "/api/commands/ConfirmOrder", """{"orderId":"missing"}""");
        await Send(HttpMethod.Post, "/api/commands/CancelOrder", $$"""{"orderId":"{{orderId}}","reason":"too late"}""");
        await Send(HttpMethod.Post, "/api/commands/CancelOrder", """{"orderId":"missing","reason":"no such order"}""");

        await Send(HttpMethod.Post, "/api/commands/ReceivePayment", $$"""{"orderId":"{{orderId}}","amount":19.0}""");
        await Send(HttpMethod.Post, "/api/commands/ReceivePayment", $$"""{"orderId":"{{orderId}}","amount":0}""");
        await Send(HttpMethod.Get, $"/api/queries/GetPayment?orderId={orderId}");
        await Send(HttpMethod.Get, "/api/queries/GetPayment?orderId=missing");
        await Send(HttpMethod.Post, "/api/queries/GetPayment", $$"""{"orderId":"{{orderId}}"}""");

        await Send(HttpMethod.Post, "/api/commands/Reserve", """{"seats":2}""");
        await Send(HttpMethod.Post, "/api/commands/Reserve", """{"seats":11}""");
        await Send(HttpMethod.Post, "/api/commands/Explode", """{"tag":"conform"}""");
        await Send(HttpMethod.Get, "/api/health");

        Assert.Empty(failures);
        Assert.Empty(document.Operations.Except(document.Exercised));
    }

    [Fact]
    public async Task WithBearerTokens_401And403_AreWhatTheDocumentSays()
    {
        using var client = secured.CreateClient();
        var document = await DocumentedResponses.ReadAsync(client);
        var alice = TestTokens.For("alice", "t1");
        var failures = new List<string>();
        async Task Send(string path, string json, string? token)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = Http.Json(json) };
            if (token is not null)
            {
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            }

            failures.AddRange(await document.CheckAsync(HttpMethod.Post, path, await client.SendAsync(request)));
        }

        await Send("/api/commands/CreateOrder", """{"lines":[{"sku":"A-1","quantity":1,"unitPrice":1}]}""", alice);
        await Send("/api/commands/CreateOrder", """{"lines":[{"sku":"A-1","quantity":1,"unitPrice":1}]}""", null);
        await Send("/api/commands/CreateOrder", """{"lines":[{"sku":"A-1","quantity":1,"unitPrice":1}]}""", alice + "x");
        await Send("/api/commands/CreateOrder", """{"customerId":"bob","lines":[{"sku":"A-1","quantity":1,"unitPrice":1}]}""", alice);
        await Send("/api/queries/ListOrders", """{"customerId":"bob"}""", alice);

        Assert.Empty(failures);
    }

    [Fact]
    public async Task ACommandAddedInATestAssembly_IsInTheDocument_WithItsDeclaredError()
    {
        using var client = open.CreateClient();

        var document = System.Text.Json.Nodes.JsonNode.Parse(await client.GetStringAsync("/api/openapi.json"))!;

        var reserve = document["paths"]!["/api/commands/Reserve"]!["post"]!;
        Assert.Equal("Reserve", reserve["operationId"]!.GetValue<string>());
        Assert.Equal("IntegrationTests", reserve["tags"]![0]!.GetValue<string>());
        Assert.NotNull(reserve["responses"]!["422"]!["content"]!["application/problem+json"]!["examples"]!["too_many_seats"]);
        Assert.NotNull(document["components"]!["schemas"]!["Reserve"]!["properties"]!["seats"]);
    }
}
