using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace ServerlessCqrs.Infra.Tests.Bicep;

/// <summary>
/// What Azure Resource Manager answers, after a deployment, to the <c>reference()</c> and <c>listKeys()</c>
/// calls our templates make, in the shapes the REST API documents: endpoints named after the resource,
/// identities with GUIDs, access keys. Resource types it does not know fail, naming the type.
/// </summary>
internal sealed class AzureStandIn(IReadOnlyDictionary<string, string> locationsById)
{
    public JsonNode Reference(string id)
    {
        var (type, names) = Parse(id);
        var name = names[^1];
        return type switch
        {
            "Microsoft.ManagedIdentity/userAssignedIdentities" => new JsonObject
            {
                ["clientId"] = GuidOf("clientId", id),
                ["principalId"] = GuidOf("principalId", id),
                ["tenantId"] = GuidOf("tenant", "tenant"),
            },
            "Microsoft.Storage/storageAccounts" => new JsonObject
            {
                ["primaryEndpoints"] = new JsonObject
                {
                    ["blob"] = $"https://{name}.blob.core.windows.net/",
                    ["queue"] = $"https://{name}.queue.core.windows.net/",
                    ["table"] = $"https://{name}.table.core.windows.net/",
                },
            },
            "Microsoft.KeyVault/vaults" => new JsonObject { ["vaultUri"] = $"https://{name}.vault.azure.net/" },
            "Microsoft.KeyVault/vaults/secrets" => new JsonObject { ["secretUri"] = SecretUri(names[0], name) },
            "Microsoft.Cache/redisEnterprise" => new JsonObject { ["hostName"] = $"{name}.{locationsById[id]}.redis.azure.net" },
            "Microsoft.Web/sites" => new JsonObject { ["defaultHostName"] = $"{name}.azurewebsites.net" },
            _ => throw new NotSupportedException($"The stand-in does not know what reference() returns for {type}."),
        };
    }

    public static JsonNode ListKeys(string id)
    {
        var (type, names) = Parse(id);
        return type == "Microsoft.Cache/redisEnterprise/databases"
            ? new JsonObject { ["primaryKey"] = $"{names[0]}-primary-access-key", ["secondaryKey"] = $"{names[0]}-secondary-access-key" }
            : throw new NotSupportedException($"The stand-in does not know what listKeys() returns for {type}.");
    }

    /// <summary>The versionless URI of a Key Vault secret.</summary>
    public static string SecretUri(string vault, string secret) => $"https://{vault}.vault.azure.net/secrets/{secret}";

    /// <summary>A resource id's full type (<c>Microsoft.KeyVault/vaults/secrets</c>) and names (vault, secret).</summary>
    public static (string Type, string[] Names) Parse(string id)
    {
        var providers = id.LastIndexOf("/providers/", StringComparison.OrdinalIgnoreCase);
        var segments = id[(providers + "/providers/".Length)..].Split('/');
        var types = new List<string> { segments[0] };
        var names = new List<string>();
        for (var i = 1; i + 1 < segments.Length; i += 2)
        {
            types.Add(segments[i]);
            names.Add(segments[i + 1]);
        }

        return (string.Join('/', types), [.. names]);
    }

    /// <summary>A GUID that is always the same for the same text, as ARM's guid() is.</summary>
    public static string StableGuid(string text) => new Guid(SHA256.HashData(Encoding.UTF8.GetBytes(text)).AsSpan(0, 16)).ToString();

    private static string GuidOf(string purpose, string id) => StableGuid(purpose + ":" + id);

    /// <summary><c>environment()</c>: the public Azure cloud, as a deployment there sees it.</summary>
    public static JsonObject Environment() => new()
    {
        ["name"] = "AzureCloud",
        ["authentication"] = new JsonObject { ["loginEndpoint"] = "https://login.microsoftonline.com/" },
    };
}
