using Microsoft.Extensions.Configuration;

namespace ServerlessCqrs.Functions;

/// <summary>
/// App settings of the form <c>@Microsoft.KeyVault(SecretUri=…)</c> are resolved by the platform before the
/// app starts; one it cannot resolve (missing secret, no access) arrives as that text. Stopping here names
/// the setting, instead of failing later with a password or token that is the reference itself.
/// </summary>
internal static class KeyVaultReferences
{
    private const string Prefix = "@Microsoft.KeyVault(";

    public static void ThrowIfUnresolved(IConfiguration configuration)
    {
        var unresolved = configuration.AsEnumerable()
            .Where(setting => setting.Value?.TrimStart().StartsWith(Prefix, StringComparison.OrdinalIgnoreCase) == true)
            .Select(setting => setting.Key)
            .Order(StringComparer.Ordinal)
            .ToList();
        if (unresolved.Count > 0)
        {
            throw new InvalidOperationException(
                $"{string.Join(", ", unresolved)}: Key Vault reference not resolved. Check that the secret exists and that the app's identity " +
                "(keyVaultReferenceIdentity) has the Key Vault Secrets User role on the vault.");
        }
    }
}
