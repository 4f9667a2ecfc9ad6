using System.Text.Json.Nodes;
using ServerlessCqrs.Infra.Tests.Bicep;

namespace ServerlessCqrs.Infra.Tests;

/// <summary>No keys, SAS or local accounts; TLS 1.2 or newer everywhere; the fewest and narrowest roles.</summary>
[Collection(nameof(InfraCollection))]
public sealed class SecurityTests(InfraFixture infra)
{
    private static class Roles
    {
        public const string Owner = "8e3af657-a8ff-443c-a75c-2fe8c4bcb635";
        public const string Contributor = "b24988ac-6180-42a0-ab88-20f7382dd24c";
        public const string UserAccessAdministrator = "18d7d88d-d35e-4fb5-a5c3-7773c20a72d9";
        public const string RoleBasedAccessControlAdministrator = "f58310d9-a9f6-439a-9e8d-f62e7b41a168";
        public const string StorageAccountContributor = "17d1049b-9a84-46fb-8f53-869881c3d3ab";
        public const string ServiceBusDataOwner = "090c5cfd-751d-490a-894a-3ce6f1109419";
        public const string KeyVaultAdministrator = "00482a5a-887f-4fb3-b363-3b7fe8e74483";
        public const string KeyVaultSecretsOfficer = "b86a8fe4-44ce-4948-aee5-eccb2c155cd7";
        public const string StorageBlobDataOwner = "b7e6dc6d-f1e8-4753-8033-0f276bb0955b";
        public const string StorageQueueDataContributor = "974c5e8b-45b9-4653-ba55-5f855dd0fb88";
        public const string StorageTableDataContributor = "0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3";
        public const string ServiceBusDataSender = "69a216fc-b8fb-44d8-bc22-1f3c2cd27a39";
        public const string ServiceBusDataReceiver = "4f6d3b9b-027b-4f4c-9142-0e5a2a2247e0";
        public const string KeyVaultSecretsUser = "4633458b-17de-408a-b874-0445c86b69e6";
    }

    /// <summary>Each data role on the one resource it is for. Blob Data Owner is what the Functions host's own storage requires.</summary>
    private static readonly (string Scope, string Role)[] DataRoles =
    [
        ("Microsoft.Storage/storageAccounts", Roles.StorageBlobDataOwner),
        ("Microsoft.Storage/storageAccounts", Roles.StorageQueueDataContributor),
        ("Microsoft.Storage/storageAccounts", Roles.StorageTableDataContributor),
        ("Microsoft.ServiceBus/namespaces/topics", Roles.ServiceBusDataSender),
        ("Microsoft.ServiceBus/namespaces/topics", Roles.ServiceBusDataReceiver),
        ("Microsoft.KeyVault/vaults", Roles.KeyVaultSecretsUser),
    ];

    private DeploymentSnapshot Deployment => infra.Deployment;

    [Fact]
    public void Storage_AllowsNeitherSharedKeysNorSasNorPublicBlobs()
    {
        var storage = Deployment.Single("Microsoft.Storage/storageAccounts");

        Assert.False(storage["properties.allowSharedKeyAccess"]!.GetValue<bool>());
        Assert.True(storage["properties.defaultToOAuthAuthentication"]!.GetValue<bool>());
        Assert.False(storage["properties.allowBlobPublicAccess"]!.GetValue<bool>());
        Assert.All(Deployment.OfType("Microsoft.Storage/storageAccounts/blobServices/containers"), c => Assert.Equal("None", c["properties.publicAccess"]!.GetValue<string>()));
    }

    [Fact]
    public void ServiceBus_HasNoSasKeys()
    {
        Assert.True(Deployment.Single("Microsoft.ServiceBus/namespaces")["properties.disableLocalAuth"]!.GetValue<bool>());
        Assert.DoesNotContain(Deployment.Resources, r => r.Type.EndsWith("/authorizationRules", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public void KeyVault_IsInRbacMode_WithNoAccessPolicies()
    {
        var vault = Deployment.Single("Microsoft.KeyVault/vaults");

        Assert.True(vault["properties.enableRbacAuthorization"]!.GetValue<bool>());
        Assert.Null(vault["properties.accessPolicies"]);
    }

    [Fact]
    public void FunctionApp_HasNoPublishingPasswords_AndReadsSecretsWithItsIdentity()
    {
        var policies = Deployment.OfType("Microsoft.Web/sites/basicPublishingCredentialsPolicies").ToDictionary(p => p.Name.Split('/')[1], p => p["properties.allow"]!.GetValue<bool>());
        var app = Deployment.Single("Microsoft.Web/sites");
        var identity = Deployment.Single("Microsoft.ManagedIdentity/userAssignedIdentities");

        Assert.Equal(new Dictionary<string, bool> { ["ftp"] = false, ["scm"] = false }, policies);
        Assert.Equal(identity.Id, app["properties.keyVaultReferenceIdentity"]!.GetValue<string>());
        Assert.Equal("UserAssigned", app["identity.type"]!.GetValue<string>());
        Assert.Equal("UserAssignedIdentity", app["properties.functionAppConfig.deployment.storage.authentication.type"]!.GetValue<string>());
    }

    [Fact]
    public void RedisAccessKey_TheOneKeyInUse_IsKeptInKeyVaultAlone()
    {
        // Entra-ID sign-in to Redis needs a client package our build cannot restore, so the app uses an access key.
        var key = AzureStandIn.ListKeys(Deployment.Single("Microsoft.Cache/redisEnterprise/databases").Id)["primaryKey"]!.GetValue<string>();
        var holders = Deployment.Resources.Where(r => r.Body.ToJsonString().Contains(key, StringComparison.Ordinal)).Select(r => r.Type);

        Assert.Equal(["Microsoft.KeyVault/vaults/secrets"], holders);
        Assert.DoesNotContain(key, Deployment.Outputs.ToJsonString(), StringComparison.Ordinal);
        Assert.StartsWith("@Microsoft.KeyVault(", Deployment.SiteConfig("appsettings")["properties.ConnectionStrings__Redis"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public void OpenObserveToken_IsKeptInKeyVaultAlone()
    {
        var token = InfraFixture.FullEnvironment["OPENOBSERVE_TOKEN"];
        var holders = Deployment.Resources.Where(r => r.Body.ToJsonString().Contains(token, StringComparison.Ordinal)).Select(r => r.Type);

        Assert.Equal(["Microsoft.KeyVault/vaults/secrets"], holders);
        Assert.DoesNotContain(token, Deployment.Outputs.ToJsonString(), StringComparison.Ordinal);
        Assert.Equal(token, Deployment.AppSettings()["OPENOBSERVE_TOKEN"]);
    }

    [Fact]
    public void Tls_IsOneTwoOrNewer_Everywhere()
    {
        var settings = Deployment.Resources.SelectMany(r => TlsSettings(r.Type, r.Body)).ToList();

        Assert.All(settings, s => Assert.Contains(s.Value, new[] { "1.2", "1.3", "TLS1_2", "TLS1_3" }));
        Assert.Equal(
            ["Microsoft.Cache/redisEnterprise", "Microsoft.ServiceBus/namespaces", "Microsoft.Storage/storageAccounts", "Microsoft.Web/sites"],
            settings.Select(s => s.Type).Distinct().Order());
        Assert.True(Deployment.Single("Microsoft.Storage/storageAccounts")["properties.supportsHttpsTrafficOnly"]!.GetValue<bool>());
        Assert.True(Deployment.Single("Microsoft.Web/sites")["properties.httpsOnly"]!.GetValue<bool>());
        Assert.Equal("Encrypted", Deployment.Single("Microsoft.Cache/redisEnterprise/databases")["properties.clientProtocol"]!.GetValue<string>());
    }

    [Fact]
    public void NoAssignment_GrantsAnOwnerOrAdministratorRole()
    {
        string[] broad =
        [
            Roles.Owner, Roles.Contributor, Roles.UserAccessAdministrator, Roles.RoleBasedAccessControlAdministrator,
            Roles.StorageAccountContributor, Roles.ServiceBusDataOwner, Roles.KeyVaultAdministrator, Roles.KeyVaultSecretsOfficer,
        ];

        Assert.NotEmpty(Assignments());
        Assert.DoesNotContain(Assignments(), a => broad.Contains(a.Role));
    }

    [Fact]
    public void AppIdentity_HasTheDataRolesItNeeds_EachOnItsOwnResource()
    {
        var app = Deployment.Single("Microsoft.ManagedIdentity/userAssignedIdentities");
        var principalId = new AzureStandIn(new Dictionary<string, string>()).Reference(app.Id)["principalId"]!.GetValue<string>();

        var granted = Assignments().Where(a => a.PrincipalId == principalId).ToList();

        Assert.All(granted, a => Assert.Equal("ServicePrincipal", a.PrincipalType));
        Assert.Equal(DataRoles.Order(), granted.Select(a => (a.ScopeType, a.Role)).Order());
    }

    [Fact]
    public void DeployingUser_GetsTheSameDataRoles()
    {
        var user = InfraFixture.FullEnvironment["AZURE_PRINCIPAL_ID"];

        var granted = Assignments().Where(a => a.PrincipalId == user).ToList();

        Assert.All(granted, a => Assert.Equal("User", a.PrincipalType));
        Assert.Equal(DataRoles.Order(), granted.Select(a => (a.ScopeType, a.Role)).Order());
    }

    private IEnumerable<(string ScopeType, string Role, string PrincipalId, string PrincipalType)> Assignments() =>
        Deployment.OfType("Microsoft.Authorization/roleAssignments").Select(a =>
        {
            var scope = a.Id[..a.Id.IndexOf("/providers/Microsoft.Authorization/", StringComparison.OrdinalIgnoreCase)];
            return (AzureStandIn.Parse(scope).Type, a["properties.roleDefinitionId"]!.GetValue<string>().Split('/')[^1],
                a["properties.principalId"]!.GetValue<string>(), a["properties.principalType"]!.GetValue<string>());
        });

    /// <summary>Every property of a resource whose name says it sets a TLS version.</summary>
    private static IEnumerable<(string Type, string Value)> TlsSettings(string type, JsonNode? node) => node switch
    {
        JsonObject obj => obj.SelectMany(p => p.Key.Contains("tls", StringComparison.OrdinalIgnoreCase) && p.Value is JsonValue value
            ? [(type, value.ToString())]
            : TlsSettings(type, p.Value)),
        JsonArray array => array.SelectMany(item => TlsSettings(type, item)),
        _ => [],
    };

    [Fact]
    public void WithAnEntraIdApp_ThePlatformRequiresATokenAnswering401_AndTheAppValidatesTheSameIssuerAndAudiences()
    {
        var auth = Deployment.SiteConfig("authsettingsV2");
        var tenant = InfraFixture.FullEnvironment["AUTH_TENANT_ID"];
        var client = InfraFixture.FullEnvironment["AUTH_CLIENT_ID"];
        var issuer = $"https://login.microsoftonline.com/{tenant}/v2.0";

        Assert.True(auth["properties.globalValidation.requireAuthentication"]!.GetValue<bool>());
        Assert.Equal("Return401", auth["properties.globalValidation.unauthenticatedClientAction"]!.GetValue<string>());
        Assert.Equal(client, auth["properties.identityProviders.azureActiveDirectory.registration.clientId"]!.GetValue<string>());
        Assert.Equal(issuer, auth["properties.identityProviders.azureActiveDirectory.registration.openIdIssuer"]!.GetValue<string>());
        Assert.Equal([$"api://{client}", client], auth["properties.identityProviders.azureActiveDirectory.validation.allowedAudiences"]!.AsArray().Select(a => a!.GetValue<string>()));
        var settings = Deployment.AppSettings();
        Assert.Equal(issuer, settings["Authentication__Schemes__Bearer__Authority"]);
        Assert.Equal($"api://{client}", settings["Authentication__Schemes__Bearer__ValidAudiences__0"]);
        Assert.False(settings.ContainsKey("Cqrs__Http__AllowAnonymous"));
    }
}
