using System.Security.Claims;
using Microsoft.Extensions.Configuration;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using ServerlessCqrs.Ops.Cli;
using ServerlessCqrs.Security;

namespace ServerlessCqrs.Ops.Tokens;

/// <summary>
/// Signs tokens the app accepts, as <c>dotnet user-jwts</c> does: with the key under
/// <c>Authentication:Schemes:Bearer:SigningKeys</c> whose <c>Issuer</c> is the first valid issuer, for the
/// first valid audience. For development and tests only: whoever holds the key can be anyone.
/// </summary>
internal static class DevelopmentTokens
{
    /// <summary>What the token says about its holder.</summary>
    public sealed record Request(string Subject, string? Tenant, IReadOnlyList<string> Roles, TimeSpan Lifetime);

    /// <summary>The signed token (a compact JWS).</summary>
    /// <exception cref="OpsException">The settings name no issuer, audience or signing key for the issuer.</exception>
    public static string Issue(IConfiguration configuration, Request request, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(request);
        var section = configuration.GetSection(BearerSettings.SectionName);
        var issuer = First(section, "ValidIssuer", "ValidIssuers")
            ?? throw new OpsException($"Set {BearerSettings.SectionName}:ValidIssuer (environment: Authentication__Schemes__Bearer__ValidIssuer) to the issuer tokens come from.");
        var audience = First(section, "ValidAudience", "ValidAudiences")
            ?? throw new OpsException($"Set {BearerSettings.SectionName}:ValidAudiences:0 (environment: Authentication__Schemes__Bearer__ValidAudiences__0) to the app's audience.");
        var key = section.GetSection("SigningKeys").GetChildren()
            .FirstOrDefault(k => string.Equals(k["Issuer"], issuer, StringComparison.Ordinal))?["Value"]
            ?? throw new OpsException($"{BearerSettings.SectionName}:SigningKeys has no key whose Issuer is '{issuer}'.");
        byte[] keyBytes;
        try
        {
            keyBytes = Convert.FromBase64String(key);
        }
        catch (FormatException)
        {
            throw new OpsException($"The signing key of '{issuer}' is not base64.");
        }

        if (keyBytes.Length < 32)
        {
            throw new OpsException($"The signing key of '{issuer}' has {keyBytes.Length} bytes; HMAC-SHA256 needs at least 32.");
        }

        List<Claim> claims = [new(JwtRegisteredClaimNames.Sub, request.Subject), new(JwtRegisteredClaimNames.Jti, Guid.NewGuid().ToString("N"))];
        if (request.Tenant is not null)
        {
            claims.Add(new(CallerClaimTypes.Tenant, request.Tenant));
        }

        claims.AddRange(request.Roles.Select(role => new Claim(CallerClaimTypes.Roles, role)));
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = issuer,
            Audience = audience,
            Subject = new ClaimsIdentity(claims),
            IssuedAt = now.UtcDateTime,
            NotBefore = now.UtcDateTime,
            Expires = (now + request.Lifetime).UtcDateTime,
            SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(keyBytes), SecurityAlgorithms.HmacSha256),
        });
    }

    private static string? First(IConfiguration section, string single, string list) =>
        section[single] is { Length: > 0 } value ? value : section.GetSection(list).GetChildren().Select(c => c.Value).FirstOrDefault(v => !string.IsNullOrEmpty(v));
}
