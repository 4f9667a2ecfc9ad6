using System.Text.Json;

namespace ServerlessCqrs.Testing.Security;

/// <summary>A request to either host: method, path with query, JSON body, bearer token.</summary>
public sealed record ApiCall(string Method, string Path, string? Body = null, string? Bearer = null, IReadOnlyDictionary<string, string>? Headers = null);

/// <summary>What the host answered.</summary>
public sealed record ApiAnswer(int Status, string? ContentType, string Body, string? WwwAuthenticate)
{
    public JsonElement Json => JsonDocument.Parse(Body).RootElement;
}

/// <summary>
/// Every Orders command and query, sent by every kind of caller, with the status each must get — the same
/// table on both hosts. Alice (tenant t1) owns the order; Bob is another user of t1; the admin holds
/// Orders.Admin in t1; Carol is an Orders.Admin of tenant t2, for whom t1's orders do not exist.
/// </summary>
public static class SecurityMatrix
{
    public const string Tenant = "t1";
    public const string OtherTenant = "t2";

    public static readonly string[] Messages = ["CreateOrder", "ConfirmOrder", "CancelOrder", "GetOrder", "ListOrders"];

    public static readonly string[] Callers =
        ["none", "expired", "not-yet-valid", "wrong-audience", "wrong-issuer", "wrong-signature", "alg-none", "another-user", "admin", "another-tenant"];

    public static IEnumerable<object[]> Cases() => from message in Messages from caller in Callers select new object[] { message, caller };

    /// <summary>The documented status of <paramref name="message"/> sent by <paramref name="caller"/> about Alice's order.</summary>
    public static int Expected(string message, string caller) => caller switch
    {
        "another-user" => 403,
        "admin" => message == "CreateOrder" ? 201 : 200,
        "another-tenant" => message switch { "CreateOrder" => 201, "ListOrders" => 200, _ => 404 },
        _ => 401,
    };

    /// <summary>Runs one case: Alice places an order, then <paramref name="caller"/> sends <paramref name="message"/> about it.</summary>
    public static async Task RunAsync(Func<ApiCall, Task<ApiAnswer>> send, HandlerRuns runs, string message, string caller)
    {
        ArgumentNullException.ThrowIfNull(send);
        ArgumentNullException.ThrowIfNull(runs);
        var alice = "alice-" + Guid.NewGuid().ToString("N")[..8];
        var created = await send(new ApiCall("POST", "/api/commands/CreateOrder", Order(null), TestTokens.For(alice, Tenant)));
        Assert.Equal(201, created.Status);
        var orderId = created.Json.GetProperty("orderId").GetString()!;

        var call = message switch
        {
            "CreateOrder" => new ApiCall("POST", "/api/commands/CreateOrder", Order(alice)),
            "ConfirmOrder" => new ApiCall("POST", "/api/commands/ConfirmOrder", $$"""{"orderId":"{{orderId}}"}"""),
            "CancelOrder" => new ApiCall("POST", "/api/commands/CancelOrder", $$"""{"orderId":"{{orderId}}","reason":"changed my mind"}"""),
            "GetOrder" => new ApiCall("GET", $"/api/queries/GetOrder?orderId={orderId}"),
            _ => new ApiCall("GET", $"/api/queries/ListOrders?customerId={alice}"),
        };
        var before = runs.Of(message);
        var answer = await send(call with { Bearer = Token(caller) });

        var expected = Expected(message, caller);
        Assert.True(expected == answer.Status, $"{message} by {caller}: expected {expected}, got {answer.Status} {answer.Body}");
        if (expected >= 400)
        {
            Assert.Equal("application/problem+json", answer.ContentType?.Split(';')[0]);
            Assert.Equal(expected, answer.Json.GetProperty("status").GetInt32());
        }

        if (expected == 401)
        {
            Assert.Equal("Bearer", answer.WwwAuthenticate);
            Assert.DoesNotContain("IDX", answer.Body, StringComparison.Ordinal);
        }

        // Refused credentials never reach a handler; everything else is decided by one.
        Assert.Equal(expected == 401 ? 0 : 1, runs.Of(message) - before);
        if (message == "ListOrders" && caller == "another-tenant")
        {
            Assert.Equal(0, answer.Json.GetProperty("items").GetArrayLength());
        }
    }

    private static string? Token(string caller) => caller switch
    {
        "none" => null,
        "expired" => TestTokens.Flawed(TokenFlaw.Expired, "bob", Tenant),
        "not-yet-valid" => TestTokens.Flawed(TokenFlaw.NotYetValid, "bob", Tenant),
        "wrong-audience" => TestTokens.Flawed(TokenFlaw.WrongAudience, "bob", Tenant),
        "wrong-issuer" => TestTokens.Flawed(TokenFlaw.WrongIssuer, "bob", Tenant),
        "wrong-signature" => TestTokens.Flawed(TokenFlaw.WrongSignature, "bob", Tenant),
        "alg-none" => TestTokens.Flawed(TokenFlaw.AlgNone, "bob", Tenant),
        "another-user" => TestTokens.For("bob", Tenant),
        "admin" => TestTokens.For("dana", Tenant, TestTokens.AdminRole),
        "another-tenant" => TestTokens.For("carol", OtherTenant, TestTokens.AdminRole),
        _ => throw new ArgumentOutOfRangeException(nameof(caller)),
    };

    private static string Order(string? customer) =>
        $$"""{{{(customer is null ? "" : $"\"customerId\":\"{customer}\",")}}"lines":[{"sku":"A-1","quantity":1,"unitPrice":5}]}""";
}
