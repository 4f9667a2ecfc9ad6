using Microsoft.Extensions.Configuration;

namespace ServerlessCqrs.Azure;

/// <summary>Where state lives: <c>Cqrs:Store</c>.</summary>
public enum StateStoreKind
{
    /// <summary>In this process's memory (the embedded default).</summary>
    InMemory,

    /// <summary>Azure Table Storage (or Azurite) at <c>ConnectionStrings:Storage</c>.</summary>
    TableStorage,
}

/// <summary>How events travel: <c>Cqrs:Events:Transport</c>.</summary>
public enum EventTransportKind
{
    /// <summary>A channel inside this process (the embedded default).</summary>
    InProcess,

    /// <summary>An Azure Storage Queue (or Azurite) at <c>ConnectionStrings:Storage</c>.</summary>
    StorageQueue,

    /// <summary>An Azure Service Bus topic at <c>ConnectionStrings:ServiceBus</c>.</summary>
    ServiceBus,
}

/// <summary>The two settings that choose the adapters, read when the services are composed.</summary>
public static class AzureSettings
{
    /// <summary>The store setting's key.</summary>
    public const string StoreKey = "Cqrs:Store";

    /// <summary>The transport setting's key.</summary>
    public const string TransportKey = "Cqrs:Events:Transport";

    /// <summary>The storage account connection's name (<c>ConnectionStrings:Storage</c>).</summary>
    public const string StorageConnection = "Storage";

    /// <summary>The Service Bus connection's name (<c>ConnectionStrings:ServiceBus</c>).</summary>
    public const string ServiceBusConnection = "ServiceBus";

    /// <summary>The configured store (default <see cref="StateStoreKind.InMemory"/>).</summary>
    /// <exception cref="InvalidOperationException">The value is not a store's name.</exception>
    public static StateStoreKind Store(IConfiguration configuration) => Parse(configuration, StoreKey, StateStoreKind.InMemory);

    /// <summary>The configured transport (default <see cref="EventTransportKind.InProcess"/>).</summary>
    /// <exception cref="InvalidOperationException">The value is not a transport's name.</exception>
    public static EventTransportKind Transport(IConfiguration configuration) => Parse(configuration, TransportKey, EventTransportKind.InProcess);

    private static T Parse<T>(IConfiguration configuration, string key, T fallback)
        where T : struct, Enum
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var value = configuration[key];
        if (string.IsNullOrWhiteSpace(value))
        {
            return fallback;
        }

        return Enum.TryParse<T>(value, ignoreCase: true, out var parsed) && Enum.IsDefined(parsed)
            ? parsed
            : throw new InvalidOperationException($"{key} must be one of {string.Join(", ", Enum.GetNames<T>())}; it is {value}.");
    }
}
