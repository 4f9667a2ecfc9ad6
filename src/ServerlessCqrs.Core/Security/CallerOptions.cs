using ServerlessCqrs.Configuration;

namespace ServerlessCqrs.Security;

/// <summary>How a caller's ids are read from its claims; configuration section <c>Cqrs:Callers</c>.</summary>
public sealed class CallerOptions : ISettingKeys
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Cqrs:Callers";

    /// <summary>Claim types holding the tenant id, first found wins (default: <c>tid</c> and its long form).</summary>
    public IList<string> TenantClaimTypes { get; } = [];

    /// <summary>Claim types holding the user id, first found wins (default: <c>oid</c>, then <c>sub</c>, each with its long form).</summary>
    public IList<string> UserClaimTypes { get; } = [];

    /// <summary>The claim types in effect: the configured ones, or the defaults when none are.</summary>
    internal IReadOnlyList<string> TenantClaims =>
        TenantClaimTypes.Count > 0 ? [.. TenantClaimTypes] : [CallerClaimTypes.Tenant, CallerClaimTypes.TenantUri];

    /// <inheritdoc cref="TenantClaims"/>
    internal IReadOnlyList<string> UserClaims =>
        UserClaimTypes.Count > 0
            ? [.. UserClaimTypes]
            : [CallerClaimTypes.ObjectId, CallerClaimTypes.ObjectIdUri, CallerClaimTypes.Subject, System.Security.Claims.ClaimTypes.NameIdentifier];

    string ISettingKeys.KeyOf(string property) => $"{SectionName}:{property}";
}
