using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly.Telemetry;
using ServerlessCqrs;
using ServerlessCqrs.Caching;
using ServerlessCqrs.Diagnostics;
using ServerlessCqrs.Events;
using ServerlessCqrs.Events.InProcess;
using ServerlessCqrs.Events.Redelivery;
using ServerlessCqrs.Housekeeping;
using ServerlessCqrs.Idempotency;
using ServerlessCqrs.Internal;
using ServerlessCqrs.Outbox;
using ServerlessCqrs.Pipeline.Behaviors;
using ServerlessCqrs.Registry;
using ServerlessCqrs.Resilience;
using ServerlessCqrs.Storage;
using ZiggyCreatures.Caching.Fusion;
using ZiggyCreatures.Caching.Fusion.Serialization.SystemTextJson;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the CQRS kernel.</summary>
public static class CqrsServiceCollectionExtensions
{
    /// <summary>
    /// Adds the kernel with its embedded defaults — in-memory outbox and handler ledger, the
    /// in-process transport, the default behaviors — and scans <see cref="CqrsOptions.Assemblies"/>
    /// when <see cref="CqrsOptions.AutoDiscoverHandlers"/> is on. Calling it again returns the same
    /// registrations, with the new options applied.
    /// </summary>
    public static CqrsBuilder AddServerlessCqrs(this IServiceCollection services, Action<CqrsOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var catalog = services.FirstOrDefault(d => d.ServiceType == typeof(MessageCatalog))?.ImplementationInstance as MessageCatalog;
        if (catalog is null)
        {
            catalog = new MessageCatalog(new CqrsOptions());
            AddKernel(services, catalog);
        }

        configure?.Invoke(catalog.Options);
        var adapters = services.FirstOrDefault(d => d.ServiceType == typeof(AdapterCatalog))?.ImplementationInstance as AdapterCatalog;
        if (adapters is null)
        {
            adapters = new AdapterCatalog();
            services.AddSingleton(adapters);
        }

        var builder = new CqrsBuilder(services, catalog, adapters);
        if (catalog.Options.AutoDiscoverHandlers)
        {
            foreach (var assembly in catalog.Options.Assemblies)
            {
                builder.AddHandlersFrom(assembly);
            }
        }

        return builder;
    }

    private static void AddKernel(IServiceCollection services, MessageCatalog catalog)
    {
        // First hosted service, so invalid registrations stop the host before anything else starts.
        services.AddHostedService<CqrsStartupCheck>();
        services.AddSingleton(catalog);
        services.AddSingleton(catalog.Options);
        services.TryAddSingleton(TimeProvider.System);
        services.AddMetrics();

        // The collection is final by the time the registry is built: it tells which handlers are singletons.
        services.TryAddSingleton(sp => MessageRegistryFactory.Create(sp.GetRequiredService<MessageCatalog>(), services));
        services.TryAddScoped<IMessageBus, MessageBus>();
        services.TryAddScoped<ICommandBus>(sp => sp.GetRequiredService<IMessageBus>());
        services.TryAddScoped<IQueryBus>(sp => sp.GetRequiredService<IMessageBus>());

        AddPipeline(services);
        AddCaching(services);
        AddEvents(services);
        services.TryAddSingleton<IIdempotencyStore, InMemoryIdempotencyStore>();
        services.TryAdd(ServiceDescriptor.Singleton(typeof(IAggregateStore<>), typeof(InMemoryAggregateStore<>)));
        services.TryAdd(ServiceDescriptor.Singleton(typeof(AggregateRepository<>), typeof(AggregateRepository<>)));
        services.TryAdd(ServiceDescriptor.Singleton(typeof(IReadModelStore<>), typeof(InMemoryReadModelStore<>)));
        services.TryAddSingleton<Housekeeper>();
        services.AddHostedService<HousekeepingService>();
    }

    private static void AddPipeline(IServiceCollection services)
    {
        services.TryAddSingleton<CqrsMetrics>();
        services.TryAddSingleton(typeof(TelemetryBehavior<,>));
        services.TryAddSingleton(typeof(LoggingBehavior<,>));
        services.TryAddSingleton(typeof(ValidationBehavior<,>));
        services.TryAddSingleton(typeof(ResilienceBehavior<,>));

        services.AddOptions<TelemetryOptions>();
        services.AddResilienceEnricher();
        services.TryAddSingleton<MessageResiliencePipelines>();
        services.TryAddSingleton<ITransientErrorClassifier, TransientErrorClassifier>();
        services.TryAddSingleton<MessageResilienceSetup>();
        services.AddSingleton<IConfigureOptions<MessageResilienceOptions>>(sp => sp.GetRequiredService<MessageResilienceSetup>());
        services.AddSingleton<IValidateOptions<MessageResilienceOptions>>(sp => sp.GetRequiredService<MessageResilienceSetup>());
    }

    private static void AddCaching(IServiceCollection services)
    {
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<QueryCachingOptions>, QueryCachingOptionsValidation>());
        // Every query resolves these, so a kernel built without IConfiguration (a plain service collection) must work too.
        services.AddOptions<QueryCachingOptions>()
            .Configure<IServiceProvider>((options, sp) => sp.GetService<IConfiguration>()?.GetSection(QueryCachingOptions.SectionName).Bind(options))
            .ValidateOnStart();
        services.TryAddSingleton(typeof(QueryCachingBehavior<,>));
        services.TryAddSingleton<QueryCachePolicies>();
        services.TryAddSingleton<QueryCacheStore>();
        services.TryAddSingleton<IQueryCache, QueryCache>();
        services.TryAddScoped<QueryCacheStatusAccessor>();
        services.TryAddSingleton<QueryCacheWarmer>();
        services.AddHostedService<KeepWarmService>();

        // FusionCache logs two Information lines per cache call. Warning by default; the rule goes first, so a
        // Logging:LogLevel setting for its category (or a more specific one) still wins.
        services.Configure<LoggerFilterOptions>(options => options.Rules.Insert(
            0, new LoggerFilterRule(providerName: null, QueryCachingOptions.FusionCacheLogCategory, LogLevel.Warning, filter: null)));

        // Memory always; Redis and its backplane when an adapter registers them under the cache's name.
        services.AddFusionCache(QueryCachingOptions.CacheName)
            .WithOptions((sp, options) =>
            {
                var settings = sp.GetRequiredService<IOptions<QueryCachingOptions>>().Value;
                options.CacheKeyPrefix = settings.KeyPrefix + ":";
                options.DistributedCacheCircuitBreakerDuration = settings.DistributedCacheCircuitBreakerDuration;
                options.ReThrowOriginalExceptions = true;

                // Tag invalidations and their checks on hits wait for Redis no longer than results do.
                settings.BoundDistributedWaits(options.TagsDefaultEntryOptions);
                settings.BoundDistributedWaits(options.DefaultEntryOptions);
            })
            // The messages' JSON contract, plus fields so FusionCache's own value tuples round-trip through Redis.
            .WithSerializer(sp => new FusionCacheSystemTextJsonSerializer(
                new JsonSerializerOptions(sp.GetRequiredService<MessageRegistry>().SerializerOptions) { IncludeFields = true }))
            .TryWithRegisteredKeyedDistributedCache(QueryCachingOptions.CacheName)
            .TryWithRegisteredKeyedBackplane(QueryCachingOptions.CacheName);
    }

    private static void AddEvents(IServiceCollection services)
    {
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<EventDeliveryOptions>, KernelOptionsValidation>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<InProcessTransportOptions>, KernelOptionsValidation>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<OutboxOptions>, KernelOptionsValidation>());
        services.AddOptions<EventDeliveryOptions>().BindConfiguration(EventDeliveryOptions.SectionName).ValidateOnStart();
        services.AddOptions<InProcessTransportOptions>().BindConfiguration(InProcessTransportOptions.SectionName).ValidateOnStart();
        services.AddOptions<OutboxOptions>().BindConfiguration(OutboxOptions.SectionName).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<RedeliveryOptions>, KernelOptionsValidation>());
        services.AddOptions<RedeliveryOptions>().BindConfiguration(RedeliveryOptions.SectionName).ValidateOnStart();
        services.TryAddSingleton(sp => new FailurePolicies(
            sp.GetRequiredService<ITransientErrorClassifier>(), sp.GetRequiredService<IOptionsMonitor<EventDeliveryOptions>>(),
            sp.GetRequiredService<IOptionsMonitor<RedeliveryOptions>>(), sp.GetRequiredService<ILogger<FailurePolicies>>()));

        services.TryAddSingleton<EventEnvelopeFactory>();
        services.TryAddSingleton(sp => new EventDispatcher(
            sp.GetRequiredService<MessageRegistry>(), sp.GetRequiredService<IServiceScopeFactory>(), sp.GetRequiredService<IEventHandlerLedger>(),
            sp.GetRequiredService<ITransientErrorClassifier>(), sp.GetRequiredService<FailurePolicies>(),
            sp.GetRequiredService<CqrsMetrics>(), sp.GetRequiredService<ILogger<EventDispatcher>>()));
        services.TryAddSingleton<IEventHandlerLedger, InMemoryEventHandlerLedger>();
        services.TryAddSingleton<IEventPublisher, EventPublisher>();

        services.TryAddSingleton<InMemoryOutbox>();
        services.TryAddSingleton<IOutboxStore>(sp => sp.GetRequiredService<InMemoryOutbox>());
        services.TryAddSingleton<IOutboxRelay, OutboxRelay>();
        services.AddHostedService<OutboxSweeper>();

        services.TryAddSingleton<InProcessEventChannel>();
        services.TryAddSingleton<IEventTransport, InProcessEventTransport>();
        services.TryAddSingleton<InMemoryDeadLetterQueue>();
        services.TryAddSingleton<IDeadLetterQueue>(sp => sp.GetRequiredService<InMemoryDeadLetterQueue>());
        services.AddHostedService<InProcessEventProcessor>();
    }
}
