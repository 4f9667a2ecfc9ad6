using Microsoft.Extensions.Configuration;

namespace ServerlessCqrs.Functions.Tests;

/// <summary>The platform leaves a Key Vault reference it cannot resolve as text; the app then refuses to start, naming the setting.</summary>
public sealed class KeyVaultReferencesTests
{
    private static IConfiguration Settings(params (string Key, string Value)[] settings) =>
        new ConfigurationBuilder().AddInMemoryCollection(settings.Select(s => KeyValuePair.Create(s.Key, (string?)s.Value))).Build();

    [Fact]
    public void UnresolvedReferences_StopTheStart_NamingEachSetting()
    {
        var settings = Settings(
            ("OPENOBSERVE_TOKEN", "@Microsoft.KeyVault(SecretUri=https://kv.vault.azure.net/secrets/openobserve-token)"),
            ("ConnectionStrings:Redis", "@Microsoft.KeyVault(SecretUri=https://kv.vault.azure.net/secrets/redis-connection-string)"),
            ("Cqrs:Store", "TableStorage"));

        var failure = Assert.Throws<InvalidOperationException>(() => KeyVaultReferences.ThrowIfUnresolved(settings));

        Assert.StartsWith("ConnectionStrings:Redis, OPENOBSERVE_TOKEN: Key Vault reference not resolved.", failure.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("Cqrs:Store", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ResolvedValues_Pass()
    {
        var settings = Settings(("ConnectionStrings:Redis", "cache.redis.azure.net:10000,password=k,ssl=True"), ("Note", "see @Microsoft.KeyVault( docs"));

        KeyVaultReferences.ThrowIfUnresolved(settings);
    }
}
