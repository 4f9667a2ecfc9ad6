using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace ServerlessCqrs.Infra.Tests.Bicep;

/// <summary>One resource the deployment would create, with every expression evaluated.</summary>
internal sealed record DeployedResource(string Type, string Name, string Id, JsonObject Body)
{
    public JsonNode? Properties => Body["properties"];

    /// <summary>The value at a dotted path under the resource (<c>properties.siteConfig.minTlsVersion</c>).</summary>
    public JsonNode? this[string path] => path.Split('.').Aggregate((JsonNode?)Body, (node, key) => node?[key]);
}

/// <summary>
/// What <c>azd provision</c> would deploy for given parameters: <c>bicep snapshot</c> expands
/// infra/main.bicep (modules, loops, conditions, names) offline; what only a deployment knows is filled
/// in by <see cref="AzureStandIn"/>, and Key Vault references as the platform resolves them.
/// </summary>
internal sealed partial class DeploymentSnapshot
{
    public const string SubscriptionId = "00000000-0000-0000-0000-0000000000a1";
    public const string TenantId = "00000000-0000-0000-0000-0000000000b2";

    private DeploymentSnapshot(IReadOnlyList<DeployedResource> resources, JsonObject outputs, IReadOnlyList<string> diagnostics)
    {
        Resources = resources;
        Outputs = outputs;
        Diagnostics = diagnostics;
    }

    public IReadOnlyList<DeployedResource> Resources { get; }

    public JsonObject Outputs { get; }

    /// <summary>What bicep reported while expanding the template (nothing, when all is well).</summary>
    public IReadOnlyList<string> Diagnostics { get; }

    public IEnumerable<DeployedResource> OfType(string type) => Resources.Where(r => r.Type.Equals(type, StringComparison.OrdinalIgnoreCase));

    public DeployedResource Single(string type) => Assert.Single(OfType(type));

    /// <summary>The function app's configuration resource <paramref name="name"/> (<c>appsettings</c>, <c>authsettingsV2</c>).</summary>
    public DeployedResource SiteConfig(string name) =>
        Assert.Single(OfType("Microsoft.Web/sites/config"), r => r.Name.EndsWith("/" + name, StringComparison.Ordinal));

    /// <summary>
    /// The function app's settings as its processes see them: Key Vault references replaced by the
    /// secret's value, or left as written when the deployment creates no such secret (as the platform does).
    /// </summary>
    public IReadOnlyDictionary<string, string> AppSettings()
    {
        var secrets = OfType("Microsoft.KeyVault/vaults/secrets").ToDictionary(
            s => AzureStandIn.SecretUri(s.Name.Split('/')[0], s.Name.Split('/')[1]), s => s["properties.value"]!.GetValue<string>());
        return SiteConfig("appsettings").Properties!.AsObject().ToDictionary(
            setting => setting.Key,
            setting => setting.Value!.GetValue<string>() is var value && KeyVaultReference().Match(value) is { Success: true } reference
                && secrets.TryGetValue(reference.Groups["uri"].Value, out var secret) ? secret : setting.Value.GetValue<string>(),
            StringComparer.Ordinal);
    }

    /// <summary>Expands infra/main.bicep for <paramref name="parameters"/> (string values) in <paramref name="location"/>.</summary>
    public static async Task<DeploymentSnapshot> CreateAsync(IReadOnlyDictionary<string, string> parameters, string location)
    {
        var folder = Directory.CreateTempSubdirectory("serverless-cqrs-infra-");
        try
        {
            var main = Path.GetRelativePath(folder.FullName, Repository.PathOf("infra/main.bicep")).Replace('\\', '/');
            var bicepparam = new StringBuilder($"using '{main}'\n");
            foreach (var (name, value) in parameters)
            {
                bicepparam.Append($"param {name} = '{value.Replace("'", "\\'", StringComparison.Ordinal)}'\n");
            }

            await File.WriteAllTextAsync(Path.Combine(folder.FullName, "deployment.bicepparam"), bicepparam.ToString());
            var result = await BicepCli.RunAsync(folder.FullName, "snapshot", "deployment.bicepparam",
                "--subscription-id", SubscriptionId, "--tenant-id", TenantId, "--location", location, "--deployment-name", "azd");
            Assert.True(result.ExitCode == 0, $"bicep snapshot failed: {result}");
            var snapshot = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(folder.FullName, "deployment.snapshot.json")))!;
            return Expand(snapshot, parameters);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    private static DeploymentSnapshot Expand(JsonNode snapshot, IReadOnlyDictionary<string, string> parameters)
    {
        var predicted = snapshot["predictedResources"]!.AsArray().Select(r => r!.AsObject()).ToList();
        var locations = predicted.Where(r => r["location"] is not null && !r["id"]!.GetValue<string>().StartsWith('['))
            .ToDictionary(r => r["id"]!.GetValue<string>(), r => r["location"]!.GetValue<string>(), StringComparer.OrdinalIgnoreCase);
        var expressions = new ArmExpressions(new AzureStandIn(locations), parameters);
        var resources = predicted
            .Select(r => expressions.Resolve(r)!.AsObject())
            .Where(r => r["condition"]?.GetValue<bool>() ?? true)
            .Select(r => new DeployedResource(r["type"]!.GetValue<string>(), r["name"]!.GetValue<string>(), r["id"]!.GetValue<string>(), r))
            .ToList();
        var diagnostics = snapshot["diagnostics"]!.AsArray().Select(d => d!.ToJsonString()).ToList();
        return new DeploymentSnapshot(resources, expressions.Resolve(snapshot["outputs"])!.AsObject(), diagnostics);
    }

    [GeneratedRegex(@"^@Microsoft\.KeyVault\(SecretUri=(?<uri>[^)]+)\)$")]
    private static partial Regex KeyVaultReference();
}
