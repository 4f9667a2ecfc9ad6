using Microsoft.Extensions.Configuration;

namespace ServerlessCqrs.Security;

/// <summary>
/// The standard section ASP.NET Core's bearer handler reads (and <c>cqrs-ops token</c> signs with), <c>Authentication:Schemes:Bearer</c>:
/// <c>Authority</c> (Entra ID), <c>ValidIssuer</c>/<c>ValidIssuers</c>, <c>ValidAudience</c>/<c>ValidAudiences</c>
/// and <c>SigningKeys</c> (<c>[{ "Issuer": "...", "Value": "&lt;base64 key&gt;" }]</c>, as <c>dotnet user-jwts</c> writes).
/// </summary>
public static class BearerSettings
{
    /// <summary>The section.</summary>
    public const string SectionName = "Authentication:Schemes:Bearer";

    /// <summary>Whether the section says where tokens come from: an authority, a metadata address or signing keys.</summary>
    public static bool AreConfigured(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var section = configuration.GetSection(SectionName);
        return !string.IsNullOrWhiteSpace(section["Authority"]) || !string.IsNullOrWhiteSpace(section["MetadataAddress"])
            || section.GetSection("SigningKeys").GetChildren().Any();
    }
}
