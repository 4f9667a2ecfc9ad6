using System.Security.Claims;
using System.Text;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace ServerlessCqrs.Testing.Security;

/// <summary>
/// A development issuer, its key and audience as the hosts' settings name them
/// (<c>Authentication:Schemes:Bearer</c>), and tokens from it: good ones and every kind of bad one.
/// </summary>
public static class TestTokens
{
    public const string Issuer = "https://issuer.test/serverlesscqrs";
    public const string Audience = "api://serverlesscqrs-tests";
    public const string AdminRole = "Orders.Admin";

    private static readonly byte[] Key = SHA256Of("the tests' development signing key");
    private static readonly byte[] OtherKey = SHA256Of("a key the hosts do not know");

    /// <summary>The hosts' settings, as configuration keys.</summary>
    public static IReadOnlyDictionary<string, string?> Settings { get; } = new Dictionary<string, string?>
    {
        ["Authentication:Schemes:Bearer:ValidIssuer"] = Issuer,
        ["Authentication:Schemes:Bearer:ValidAudiences:0"] = Audience,
        ["Authentication:Schemes:Bearer:SigningKeys:0:Issuer"] = Issuer,
        ["Authentication:Schemes:Bearer:SigningKeys:0:Value"] = Convert.ToBase64String(Key),
    };

    /// <summary>A valid token for <paramref name="user"/> in <paramref name="tenant"/>, with <paramref name="roles"/>.</summary>
    public static string For(string user, string tenant, params string[] roles) => Create(user, tenant, roles);

    /// <summary>A token signed with the right key but wrong in <paramref name="flaw"/>, or signed wrongly.</summary>
    public static string Flawed(TokenFlaw flaw, string user, string tenant) => flaw switch
    {
        TokenFlaw.Expired => Create(user, tenant, [], notBefore: DateTime.UtcNow.AddHours(-2), expires: DateTime.UtcNow.AddHours(-1)),
        TokenFlaw.NotYetValid => Create(user, tenant, [], notBefore: DateTime.UtcNow.AddHours(1), expires: DateTime.UtcNow.AddHours(2)),
        TokenFlaw.WrongAudience => Create(user, tenant, [], audience: "api://someone-else"),
        TokenFlaw.WrongIssuer => Create(user, tenant, [], issuer: "https://issuer.test/other"),
        TokenFlaw.WrongSignature => Create(user, tenant, [], key: OtherKey),
        TokenFlaw.AlgNone => Unsigned(user, tenant),
        _ => throw new ArgumentOutOfRangeException(nameof(flaw)),
    };

    private static string Create(
        string user, string tenant, string[] roles, DateTime? notBefore = null, DateTime? expires = null, string? audience = null, string? issuer = null, byte[]? key = null)
    {
        List<Claim> claims = [new("sub", user), new("tid", tenant)];
        claims.AddRange(roles.Select(r => new Claim("roles", r)));
        var start = notBefore ?? DateTime.UtcNow.AddMinutes(-1);
        return new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = issuer ?? Issuer,
            Audience = audience ?? Audience,
            Subject = new ClaimsIdentity(claims),
            IssuedAt = start,
            NotBefore = start,
            Expires = expires ?? DateTime.UtcNow.AddHours(1),
            SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(key ?? Key), SecurityAlgorithms.HmacSha256),
        });
    }

    /// <summary>A token with <c>"alg":"none"</c> and no signature, claims otherwise valid.</summary>
    private static string Unsigned(string user, string tenant)
    {
        var exp = DateTimeOffset.UtcNow.AddHours(1).ToUnixTimeSeconds();
        var header = Base64UrlEncoder.Encode("""{"alg":"none","typ":"JWT"}""");
        var payload = Base64UrlEncoder.Encode($$"""{"iss":"{{Issuer}}","aud":"{{Audience}}","sub":"{{user}}","tid":"{{tenant}}","exp":{{exp}}}""");
        return $"{header}.{payload}.";
    }

    private static byte[] SHA256Of(string text) => System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(text));
}

/// <summary>What is wrong with a token.</summary>
public enum TokenFlaw
{
    Expired,
    NotYetValid,
    WrongAudience,
    WrongIssuer,
    WrongSignature,
    AlgNone,
}
