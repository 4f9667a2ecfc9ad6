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
using ServerlessCqrs.Housekeeping;
using ServerlessCqrs.Idempotency;
using ServerlessCqrs.Internal;
using ServerlessCqrs.Outbox;
using ServerlessCqrs.Pipeline;
using ServerlessCqrs.Pipeline.Behaviors;
using ServerlessCqrs.Pipeline.Validation;
using ServerlessCqrs.Processes;
using ServerlessCqrs.Registry;
using ServerlessCqrs.Resilience;
using ServerlessCqrs.Security;
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
        CqrsBuilder builder;
        if (services.FirstOrDefault(d => d.ServiceType == typeof(CqrsBuilder))?.ImplementationInstance is CqrsBuilder existing)
        {
            builder = existing;
        }
        else
        {
            builder = new CqrsBuilder(services, new MessageCatalog(new CqrsOptions()), new MessagePipeline(), new AdapterCatalog());
            AddKernel(builder);
        }

        var catalog = builder.Catalog;
        configure?.Invoke(catalog.Options);
        if (catalog.Options.AutoDiscoverHandlers)
        {
            foreach (var assembly in catalog.Options.Assemblies)
            {
                builder.AddHandlersFrom(assembly);
            }
        }

        return builder;
    }

    private static void AddKernel(CqrsBuilder builder)
    {
        var services = builder.Services;

        // First hosted service, so invalid registrations stop the host before anything else starts.
        services.AddHostedService<CqrsStartupCheck>();
        services.AddSingleton(builder);
        services.AddSingleton(builder.Catalog);
        services.AddSingleton(builder.Catalog.Options);
        services.TryAddSingleton(TimeProvider.System);
        services.AddMetrics();

        // The collection is final by the time the registry is built: it tells which handlers are singletons.
        services.TryAddSingleton(sp => MessageInvokersFactory.Create(builder.Catalog, builder.Pipeline, services, sp));
        services.TryAddSingleton(sp => sp.GetRequiredService<MessageInvokers>().Registry);
        services.TryAddScoped<IMessageBus, MessageBus>();
        services.TryAddScoped<ICommandBus>(sp => sp.GetRequiredService<IMessageBus>());
        services.TryAddScoped<IQueryBus>(sp => sp.GetRequiredService<IMessageBus>());

        AddCallers(builder);
        AddPipeline(builder);
        AddCaching(builder);
        AddEvents(builder);
        AddProcesses(builder);
        services.TryAddSingleton<IIdempotencyStore, InMemoryIdempotencyStore>();
        services.TryAdd(ServiceDescriptor.Singleton(typeof(IAggregateStore<>), typeof(InMemoryAggregateStore<>)));
        services.TryAdd(ServiceDescriptor.Singleton(typeof(AggregateRepository<>), typeof(AggregateRepository<>)));
        services.TryAdd(ServiceDescriptor.Singleton(typeof(IReadModelStore<>), typeof(InMemoryReadModelStore<>)));
        services.TryAdd(ServiceDescriptor.Singleton(typeof(ReadModel<>), typeof(ReadModel<>)));
        services.TryAddSingleton<Housekeeper>();
        builder.AddBackgroundWork<HousekeepingService>();
    }

    /// <summary>Who messages run for, and the authorization services the authorization stage asks.</summary>
    private static void AddCallers(CqrsBuilder builder)
    {
        var services = builder.Services;
        services.AddAuthorizationCore();
        services.AddOptions<CallerOptions>()
            .Configure<IServiceProvider>((options, sp) => sp.GetService<IConfiguration>()?.GetSection(CallerOptions.SectionName).Bind(options));
        services.TryAddSingleton<CallerResolver>();
    }

    /// <summary>The built-in stages, outermost first; <see cref="PipelineStages"/> documents the order.</summary>
    private static void AddPipeline(CqrsBuilder builder)
    {
        var services = builder.Services;
        services.TryAddSingleton<CqrsMetrics>();
        services.TryAddSingleton<MessageValidation>();
        AddStage(builder, PipelineStages.Telemetry, typeof(TelemetryBehavior<,>));
        AddStage(builder, PipelineStages.Logging, typeof(LoggingBehavior<,>));
        AddStage(builder, PipelineStages.Authorization, typeof(AuthorizationBehavior<,>), MessageKind.Command, MessageKind.Query);
        AddStage(builder, PipelineStages.Validation, typeof(ValidationBehavior<,>), MessageKind.Command, MessageKind.Query);
        AddStage(builder, PipelineStages.Caching, typeof(QueryCachingBehavior<,>), MessageKind.Query);
        AddStage(builder, PipelineStages.Resilience, typeof(ResilienceBehavior<,>));

        services.AddOptions<TelemetryOptions>();
        services.AddResilienceEnricher();
        services.TryAddSingleton<MessageResiliencePipelines>();
        services.TryAddSingleton<ITransientErrorClassifier, TransientErrorClassifier>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IConfigureOptions<MessageResilienceOptions>, MessageResilienceSetup>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<MessageResilienceOptions>, MessageResilienceOptionsValidator>());
    }

    private static void AddStage(CqrsBuilder builder, string name, Type behavior, params MessageKind[] kinds)
    {
        builder.Pipeline.AddStage(name, behavior, kinds);
        builder.Services.TryAddSingleton(behavior);
    }

    private static void AddCaching(CqrsBuilder builder)
    {
        var services = builder.Services;
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<QueryCachingOptions>, QueryCachingOptionsValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<QueryCachingOptions>, QueryCachingOptionsValidation>());
        // Every query resolves these, so a kernel built without IConfiguration (a plain service collection) must work too.
        services.AddOptions<QueryCachingOptions>()
            .Configure<IServiceProvider>((options, sp) => sp.GetService<IConfiguration>()?.GetSection(QueryCachingOptions.SectionName).Bind(options))
            .ValidateOnStart();
        services.TryAddSingleton<QueryCachePolicies>();
        services.TryAddSingleton<QueryCacheStore>();
        services.TryAddSingleton<IQueryCache, QueryCache>();
        services.TryAddSingleton<QueryCacheWarmer>();
        builder.AddBackgroundWork<KeepWarmService>();

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

    /// <summary>What process managers and the operators of their timeouts need; each manager is added with <c>AddProcess</c>.</summary>
    private static void AddProcesses(CqrsBuilder builder)
    {
        var services = builder.Services;
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ProcessOptions>, ProcessOptionsValidator>());
        services.AddOptions<ProcessOptions>()
            .Configure<IServiceProvider>((options, sp) => sp.GetService<IConfiguration>()?.GetSection(ProcessOptions.SectionName).Bind(options))
            .ValidateOnStart();
        services.TryAddSingleton<IEventScheduler, InProcessEventScheduler>();
        builder.AddReadModel<ProcessTimeoutEntry>(ProcessTimeoutIndex.Name);
        services.TryAddSingleton<ProcessTimeoutIndex>();
        services.TryAddSingleton<ProcessRuntime>();
        services.TryAddSingleton(sp => new ProcessTimeouts(
            sp.GetRequiredService<ProcessTimeoutIndex>(), sp.GetRequiredService<AggregateRepository<ProcessRecord>>(), sp.GetRequiredService<ProcessRuntime>(),
            sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<IOptionsMonitor<ProcessOptions>>(), sp.GetRequiredService<ILogger<ProcessTimeouts>>()));
        services.AddSingleton<IHousekeepingTask, OverdueTimeoutAudit>();
    }

    private static void AddEvents(CqrsBuilder builder)
    {
        var services = builder.Services;
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<EventDeliveryOptions>, EventDeliveryOptionsValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<InProcessTransportOptions>, InProcessTransportOptionsValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<OutboxOptions>, OutboxOptionsValidator>());
        services.AddOptions<EventDeliveryOptions>().BindConfiguration(EventDeliveryOptions.SectionName).ValidateOnStart();
        services.AddOptions<InProcessTransportOptions>().BindConfiguration(InProcessTransportOptions.SectionName).ValidateOnStart();
        services.AddOptions<OutboxOptions>().BindConfiguration(OutboxOptions.SectionName).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<RedeliveryOptions>, RedeliveryOptionsValidator>());
        services.AddOptions<RedeliveryOptions>().BindConfiguration(RedeliveryOptions.SectionName).ValidateOnStart();
        services.TryAddSingleton(sp => new FailurePolicies(
            sp.GetRequiredService<ITransientErrorClassifier>(), sp.GetRequiredService<IOptionsMonitor<EventDeliveryOptions>>(),
            sp.GetRequiredService<IOptionsMonitor<RedeliveryOptions>>(), sp.GetRequiredService<ILogger<FailurePolicies>>()));

        services.TryAddSingleton<EventEnvelopeFactory>();
        services.TryAddSingleton(sp => new EventDispatcher(
            sp.GetRequiredService<MessageInvokers>(), sp.GetRequiredService<IServiceScopeFactory>(), sp.GetRequiredService<IEventHandlerLedger>(),
            sp.GetRequiredService<ITransientErrorClassifier>(), sp.GetRequiredService<FailurePolicies>(),
            sp.GetRequiredService<CqrsMetrics>(), sp.GetRequiredService<ILogger<EventDispatcher>>()));
        services.TryAddSingleton<IEventHandlerLedger, InMemoryEventHandlerLedger>();
        services.TryAddSingleton<IEventPublisher, OutboxEventPublisher>();

        services.TryAddSingleton<InMemoryOutbox>();
        services.TryAddSingleton<IOutboxStore>(sp => sp.GetRequiredService<InMemoryOutbox>());
        services.TryAddSingleton<IOutboxRelay, OutboxRelay>();
        builder.AddBackgroundWork<OutboxSweeper>();

        services.TryAddSingleton<InProcessEventChannel>();
        services.TryAddSingleton<IEventTransport, InProcessEventTransport>();
        services.TryAddSingleton<InMemoryDeadLetterQueue>();
        services.TryAddSingleton<IDeadLetterQueue>(sp => sp.GetRequiredService<InMemoryDeadLetterQueue>());
        services.AddHostedService<InProcessEventProcessor>();
    }
}
