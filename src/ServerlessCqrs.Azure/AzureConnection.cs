using Azure.Core;
using Azure.Identity;
using Microsoft.Extensions.Configuration;

namespace ServerlessCqrs.Azure;

/// <summary>
/// Reads an Azure connection the way the Functions host reads a trigger's <c>Connection</c>, so one
/// setting serves both the triggers and the clients the kernel creates: <c>ConnectionStrings:{name}</c>
/// or <c>{name}</c> holding a connection string, else the identity-based section <c>{name}:{endpointKey}</c>
/// (for example <c>ServiceBus__fullyQualifiedNamespace</c>). An identity-based connection authenticates as the
/// host does: <c>{name}:credential</c> = <c>managedidentity</c> uses the app's managed identity only
/// (<c>{name}:clientId</c> picks a user-assigned one); unset, <see cref="DefaultAzureCredential"/> also tries
/// a developer's sign-in (Azure CLI, Visual Studio), so the same settings work on a workstation.
/// </summary>
internal sealed record AzureConnection(string? ConnectionString, string? Endpoint, TokenCredential? Credential)
{
    public static AzureConnection Read(IConfiguration configuration, string name, string endpointKey)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var value = configuration.GetConnectionString(name) ?? configuration[name];
        if (!string.IsNullOrWhiteSpace(value))
        {
            // A bare host or URL (no key=value pairs) is an endpoint to reach with the app's identity.
            return value.Contains('=', StringComparison.Ordinal)
                ? new AzureConnection(value, null, null)
                : new AzureConnection(null, value, Identity(configuration, name));
        }

        var endpoint = configuration[$"{name}:{endpointKey}"];
        if (string.IsNullOrWhiteSpace(endpoint))
        {
            throw new InvalidOperationException(
                $"ConnectionStrings:{name} is not set (nor {name}:{endpointKey} for an identity-based connection); the configured store or transport needs it.");
        }

        return new AzureConnection(null, endpoint, Identity(configuration, name));
    }

    private static TokenCredential Identity(IConfiguration configuration, string name)
    {
        var clientId = configuration[$"{name}:clientId"] is { Length: > 0 } id ? id : null;
        return configuration[$"{name}:credential"] switch
        {
            null or "" => new DefaultAzureCredential(new DefaultAzureCredentialOptions { ManagedIdentityClientId = clientId }),
            var kind when kind.Equals("managedidentity", StringComparison.OrdinalIgnoreCase) => new ManagedIdentityCredential(
                clientId is null ? ManagedIdentityId.SystemAssigned : ManagedIdentityId.FromUserAssignedClientId(clientId)),
            var other => throw new InvalidOperationException($"{name}:credential must be managedidentity or unset; it is {other}."),
        };
    }
}
