using System.Text;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace ServerlessCqrs.Ops.Tests.Tokens;

/// <summary><c>cqrs-ops token</c> signs what the hosts' bearer settings accept, and says what is missing.</summary>
public sealed class TokenCommandTests
{
    private static readonly string Key = Convert.ToBase64String(Encoding.UTF8.GetBytes("0123456789abcdef0123456789abcdef"));

    private static readonly Dictionary<string, string?> Settings = new()
    {
        ["Authentication:Schemes:Bearer:ValidIssuer"] = "dev",
        ["Authentication:Schemes:Bearer:ValidAudiences:0"] = "serverlesscqrs",
        ["Authentication:Schemes:Bearer:SigningKeys:0:Issuer"] = "dev",
        ["Authentication:Schemes:Bearer:SigningKeys:0:Value"] = Key,
    };

    [Fact]
    public async Task TheToken_ValidatesAgainstTheSameSettings_WithItsSubjectTenantRolesAndLifetime()
    {
        var run = await OpsRun.RunAsync(Settings, "token", "--sub", "alice", "--tenant", "t1", "--role", "Orders.Admin", "--role", "Auditor", "--expires", "8h");

        Assert.Equal(0, run.ExitCode);
        var validated = await new JsonWebTokenHandler { MapInboundClaims = false }.ValidateTokenAsync(run.Output.Trim(), new TokenValidationParameters
        {
            ValidIssuer = "dev",
            ValidAudience = "serverlesscqrs",
            IssuerSigningKey = new SymmetricSecurityKey(Convert.FromBase64String(Key)),
        });
        Assert.True(validated.IsValid, validated.Exception?.Message);
        var token = (JsonWebToken)validated.SecurityToken;
        Assert.Equal(("alice", "t1"), (token.Subject, token.GetClaim("tid").Value));
        Assert.Equal(["Orders.Admin", "Auditor"], token.Claims.Where(c => c.Type == "roles").Select(c => c.Value));
        Assert.InRange(token.ValidTo - token.ValidFrom, TimeSpan.FromHours(8) - TimeSpan.FromSeconds(1), TimeSpan.FromHours(8) + TimeSpan.FromSeconds(1));
    }

    [Fact]
    public async Task WithoutAKeyForTheIssuer_ItFails_SayingWhichSetting()
    {
        var run = await OpsRun.RunAsync(Settings.Where(s => !s.Key.Contains("SigningKeys", StringComparison.Ordinal)).ToDictionary(), "token", "--sub", "alice");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("SigningKeys has no key whose Issuer is 'dev'", run.All, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnInvalidTenant_IsAUsageError()
    {
        var run = await OpsRun.RunAsync(Settings, "token", "--sub", "alice", "--tenant", "a|b");

        Assert.Equal(2, run.ExitCode);
    }
}
