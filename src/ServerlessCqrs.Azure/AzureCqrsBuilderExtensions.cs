using Azure;
using Azure.Data.Tables;
using Azure.Messaging.ServiceBus;
using Azure.Storage.Queues;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using ServerlessCqrs.Azure;
using ServerlessCqrs.Azure.ServiceBus;
using ServerlessCqrs.Azure.StorageQueues;
using ServerlessCqrs.Azure.Tables;
using ServerlessCqrs.Events;
using ServerlessCqrs.Housekeeping;
using ServerlessCqrs.Idempotency;
using ServerlessCqrs.Outbox;
using ServerlessCqrs.Storage;

namespace ServerlessCqrs;

/// <summary>Adds the Azure stores and transports.</summary>
public static class AzureCqrsBuilderExtensions
{
    /// <summary>
    /// Adds Table Storage as a store <see cref="CqrsBuilder.StoreKey"/> can name (<c>TableStorage</c>: aggregates with
    /// their outbox, read models, the handler ledger and idempotency keys), and Storage Queue and
    /// Service Bus as transports <see cref="CqrsBuilder.TransportKey"/> can name (<c>StorageQueue</c>,
    /// <c>ServiceBus</c>, each with its dead letters). Choose with
    /// <see cref="CqrsBuilder.UseConfiguredAdapters"/>, or use the overload that does.
    /// </summary>
    public static CqrsBuilder AddAzureAdapters(this CqrsBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        // Throttling, timeouts and server errors from any Azure service are worth another try.
        builder.AddTransientException<RequestFailedException>(e => e.Status is 0 or 408 or 429 or >= 500);
        builder.AddTransientException<ServiceBusException>(e => e.IsTransient);
        // Not background work a trigger could take over: the Functions app needs its tables and queue at start too.
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, StorageProvisioner>());
        return builder
            .AddStore(AzureSettings.TableStorage, (cqrs, configuration) =>
                AddTableStorage(cqrs.Services, AzureConnection.Read(configuration, AzureSettings.StorageConnection, "tableServiceUri")))
            .AddTransport(AzureSettings.StorageQueue, (cqrs, configuration) =>
                AddStorageQueue(cqrs, AzureConnection.Read(configuration, AzureSettings.StorageConnection, "queueServiceUri")))
            .AddTransport(AzureSettings.ServiceBus, (cqrs, configuration) =>
                AddServiceBus(cqrs, AzureConnection.Read(configuration, AzureSettings.ServiceBusConnection, "fullyQualifiedNamespace")));
    }

    /// <summary>
    /// Adds the Azure adapters and registers the ones the configuration names (missing connections and
    /// unknown names stop here, naming the setting). Add any other adapter before calling it.
    /// </summary>
    public static CqrsBuilder AddAzureAdapters(this CqrsBuilder builder, IConfiguration configuration) =>
        builder.AddAzureAdapters().UseConfiguredAdapters(configuration);

    private static void AddTableStorage(IServiceCollection services, AzureConnection connection)
    {
        services.AddOptions<TableStorageOptions>().BindConfiguration(TableStorageOptions.SectionName)
            .Configure<IEnumerable<ReadModelDefinition>>((options, readModels) =>
            {
                foreach (var readModel in readModels)
                {
                    options.ReadModelTables.Add(readModel.Name);
                }
            })
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<TableStorageOptions>, TableStorageOptionsValidator>());
        services.TryAddSingleton(_ => connection.ConnectionString is { } text
            ? new TableServiceClient(text)
            : new TableServiceClient(Endpoint(connection, "table"), connection.Credential));
        services.TryAddSingleton<CqrsTables>();
        services.TryAddSingleton<OutboxIndex>();
        services.TryAddSingleton(sp => new TableStateStore(
            sp.GetRequiredService<CqrsTables>(), sp.GetRequiredService<IOptions<TableStorageOptions>>(), sp.GetRequiredService<OutboxIndex>()));
        services.Replace(ServiceDescriptor.Singleton(typeof(IAggregateStore<>), typeof(TableAggregateStore<>)));
        services.Replace(ServiceDescriptor.Singleton(typeof(IReadModelStore<>), typeof(TableReadModelStore<>)));
        services.Replace(ServiceDescriptor.Singleton<IOutboxStore, TableOutboxStore>());
        services.TryAddSingleton<TableEventHandlerLedger>();
        services.Replace(ServiceDescriptor.Singleton<IEventHandlerLedger>(sp => sp.GetRequiredService<TableEventHandlerLedger>()));
        services.AddSingleton<IHousekeepingTask>(sp => sp.GetRequiredService<TableEventHandlerLedger>());
        services.TryAddSingleton<TableIdempotencyStore>();
        services.Replace(ServiceDescriptor.Singleton<IIdempotencyStore>(sp => sp.GetRequiredService<TableIdempotencyStore>()));
        services.AddSingleton<IHousekeepingTask>(sp => sp.GetRequiredService<TableIdempotencyStore>());
    }

    private static void AddStorageQueue(CqrsBuilder cqrs, AzureConnection connection)
    {
        var services = cqrs.Services;
        services.AddOptions<StorageQueueOptions>().BindConfiguration(StorageQueueOptions.SectionName).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<StorageQueueOptions>, StorageQueueOptionsValidator>());
        // Base64, as the Functions queue trigger reads (and writes its poison messages).
        var options = new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 };
        services.TryAddSingleton(_ => connection.ConnectionString is { } text
            ? new QueueServiceClient(text, options)
            : new QueueServiceClient(Endpoint(connection, "queue"), connection.Credential, options));
        services.TryAddSingleton<EventQueues>();
        services.TryAddSingleton(sp => new StorageQueueEventDelivery(
            sp.GetRequiredService<EventDispatcher>(), sp.GetRequiredService<EventQueues>(), sp.GetRequiredService<TimeProvider>()));
        services.Replace(ServiceDescriptor.Singleton<IEventTransport, StorageQueueEventTransport>());
        services.Replace(ServiceDescriptor.Singleton<IDeadLetterQueue, StorageQueueDeadLetterQueue>());
        services.Replace(ServiceDescriptor.Singleton<IEventScheduler, StorageQueueEventScheduler>());
        cqrs.AddBackgroundWork<StorageQueueEventProcessor>();
    }

    private static void AddServiceBus(CqrsBuilder cqrs, AzureConnection connection)
    {
        var services = cqrs.Services;
        services.AddOptions<ServiceBusOptions>().BindConfiguration(ServiceBusOptions.SectionName).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ServiceBusOptions>, ServiceBusOptionsValidator>());
        services.TryAddSingleton(_ => connection.ConnectionString is { } text
            ? new ServiceBusClient(text)
            : new ServiceBusClient(connection.Endpoint, connection.Credential));
        services.TryAddSingleton(sp => sp.GetRequiredService<ServiceBusClient>().CreateSender(sp.GetRequiredService<IOptions<ServiceBusOptions>>().Value.TopicName));
        services.TryAddSingleton(sp =>
        {
            var settings = sp.GetRequiredService<IOptions<ServiceBusOptions>>().Value;
            return new DeadLetterReceiver(sp.GetRequiredService<ServiceBusClient>().CreateReceiver(
                settings.TopicName, settings.SubscriptionName, new ServiceBusReceiverOptions { SubQueue = SubQueue.DeadLetter }));
        });
        services.TryAddSingleton(sp => new ServiceBusEventDelivery(
            sp.GetRequiredService<EventDispatcher>(), sp.GetRequiredService<ServiceBusSender>(), sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<IOptions<ServiceBusOptions>>()));
        services.Replace(ServiceDescriptor.Singleton<IEventTransport, ServiceBusEventTransport>());
        services.Replace(ServiceDescriptor.Singleton<IDeadLetterQueue, ServiceBusDeadLetterQueue>());
        services.Replace(ServiceDescriptor.Singleton<IEventScheduler, ServiceBusEventScheduler>());
        cqrs.AddBackgroundWork<ServiceBusEventProcessor>();
    }

    /// <summary>An identity-based endpoint: a full URL as given, or an account name made into the service's URL.</summary>
    private static Uri Endpoint(AzureConnection connection, string service) =>
        Uri.TryCreate(connection.Endpoint, UriKind.Absolute, out var url) ? url : new Uri($"https://{connection.Endpoint}.{service}.core.windows.net");
}
