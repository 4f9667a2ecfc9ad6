using System.Text;
using ServerlessCqrs.Testing.Security;

namespace ServerlessCqrs.Functions.Tests.Security;

/// <summary>The Functions app's HTTP functions with bearer tokens configured: the same table as the LocalHost's, and App Service Authentication's principal.</summary>
public sealed class FunctionsSecurityTests : IAsyncLifetime
{
    private SecuredFunctionsApp _app = null!;

    public static IEnumerable<object[]> Cases() => SecurityMatrix.Cases();

    public async Task InitializeAsync() => _app = await SecuredFunctionsApp.StartAsync(TestTokens.Settings);

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Theory]
    [MemberData(nameof(Cases))]
    public Task EachMessage_AnswersEachCaller_AsDocumented(string message, string caller) =>
        SecurityMatrix.RunAsync(_app.SendAsync, _app.Runs, message, caller);

    [Fact]
    public async Task AForgedClientPrincipal_IsIgnored_WhenThePlatformHasAuthenticationOff()
    {
        // Claims to be an Orders.Admin of t1; with Easy Auth off it is just a header a client set.
        var forged = Principal(("http://schemas.microsoft.com/identity/claims/tenantid", "t1"), ("sub", "mallory"), ("roles", TestTokens.AdminRole));

        var answer = await _app.SendAsync(new ApiCall("GET", "/api/queries/ListOrders?customerId=alice", Headers: Header(forged)));

        Assert.Equal(401, answer.Status);
        Assert.Equal(0, _app.Runs.Of("ListOrders"));
    }

    [Fact]
    public async Task MissingOrBadCredentials_AreA401_WithoutTheReason_NeverA500()
    {
        string[] authorizations = ["Bearer", "Bearer ", "Basic YWxpY2U6c2VjcmV0", "Bearer " + new string('a', 100_000),
            "Bearer " + string.Join('.', Enumerable.Repeat("eyJhbGciOiJIUzI1NiJ9", 50)), "Bearer \u0001\u0002\u00ff", "Bearer x.y.z"];
        foreach (var authorization in authorizations)
        {
            var answer = await _app.SendAsync(new ApiCall("GET", "/api/queries/ListOrders?customerId=alice",
                Headers: new Dictionary<string, string> { ["Authorization"] = authorization }));
            Assert.True(answer.Status == 401, $"{authorization[..Math.Min(30, authorization.Length)]}: {answer.Status} {answer.Body}");
        }

        Assert.Equal(0, _app.Runs.Of("ListOrders"));
    }

    internal static string Principal(params (string Type, string Value)[] claims) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes(
            $$"""{"auth_typ":"aad","name_typ":"name","role_typ":"roles","claims":[{{string.Join(",", claims.Select(c => $$"""{"typ":"{{c.Type}}","val":"{{c.Value}}"}"""))}}]}"""));

    internal static Dictionary<string, string> Header(string principal) => new() { ["X-MS-CLIENT-PRINCIPAL"] = principal };
}
