using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace ServerlessCqrs.Azure;

/// <summary>The names and settings of the Azure adapters.</summary>
public static class AzureSettings
{
    /// <summary>The store's name for <see cref="CqrsBuilder.StoreKey"/>.</summary>
    public const string TableStorage = "TableStorage";

    /// <summary>The Storage Queue transport's name for <see cref="CqrsBuilder.TransportKey"/>.</summary>
    public const string StorageQueue = "StorageQueue";

    /// <summary>The Service Bus transport's name for <see cref="CqrsBuilder.TransportKey"/>.</summary>
    public const string ServiceBus = "ServiceBus";

    /// <summary>The storage account connection's name (<c>ConnectionStrings:Storage</c>).</summary>
    public const string StorageConnection = "Storage";

    /// <summary>The Service Bus connection's name (<c>ConnectionStrings:ServiceBus</c>).</summary>
    public const string ServiceBusConnection = "ServiceBus";

    /// <summary>Whether the configuration names the Service Bus transport.</summary>
    public static bool UsesServiceBus(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return string.Equals(configuration[CqrsBuilder.TransportKey]?.Trim(), ServiceBus, StringComparison.OrdinalIgnoreCase);
    }
}
