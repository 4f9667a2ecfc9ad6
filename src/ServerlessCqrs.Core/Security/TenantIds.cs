using System.Buffers;

namespace ServerlessCqrs.Security;

/// <summary>
/// Tenant ids and the keys they scope. A tenant id is 1 to 64 letters, digits, <c>-</c>, <c>_</c> or
/// <c>.</c> (an Entra ID tenant is a GUID), so it never holds the separator and a scoped key is unambiguous.
/// </summary>
public static class TenantIds
{
    /// <summary>Between the tenant and the key in a scoped key.</summary>
    public const char Separator = '|';

    /// <summary>The longest tenant id.</summary>
    public const int MaxLength = 64;

    private static readonly SearchValues<char> Allowed =
        SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.");

    /// <summary>Whether <paramref name="tenantId"/> is a usable tenant id.</summary>
    public static bool IsValid(string? tenantId) =>
        tenantId is { Length: > 0 and <= MaxLength } && !tenantId.AsSpan().ContainsAnyExcept(Allowed);

    /// <summary><paramref name="tenantId"/>, or <see cref="MessageCaller.DefaultTenant"/> when it is <see langword="null"/>.</summary>
    public static string OrDefault(string? tenantId) => tenantId ?? MessageCaller.DefaultTenant;

    /// <summary>
    /// <paramref name="key"/> within <paramref name="tenantId"/>'s partition: <c>{tenant}|{key}</c>; the
    /// default tenant's keys stay as they are, so data written before tenants stays readable under it.
    /// </summary>
    /// <exception cref="ArgumentException">The tenant id is not valid, or a default-tenant key holds the separator (it would read as another tenant's).</exception>
    public static string Scope(string tenantId, string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (tenantId == MessageCaller.DefaultTenant)
        {
            return key.Contains(Separator, StringComparison.Ordinal)
                ? throw new ArgumentException($"A key of the default tenant cannot hold '{Separator}'.", nameof(key))
                : key;
        }

        return IsValid(tenantId)
            ? string.Concat(tenantId, Separator.ToString(), key)
            : throw new ArgumentException($"'{tenantId}' is not a tenant id.", nameof(tenantId));
    }
}
