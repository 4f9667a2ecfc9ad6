using System.Reflection;
using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using ServerlessCqrs;
using ServerlessCqrs.Pipeline;
using ServerlessCqrs.Processes;
using ServerlessCqrs.Registry;
using ServerlessCqrs.Resilience;
using ServerlessCqrs.Storage;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Adds handlers, messages, behaviors and rules to the kernel; returned by <c>AddServerlessCqrs</c>.</summary>
public sealed class CqrsBuilder
{
    /// <summary>The setting that names the store: <c>InMemory</c> (the default) or one an adapter added.</summary>
    public const string StoreKey = "Cqrs:Store";

    /// <summary>The setting that names the event transport: <c>InProcess</c> (the default) or one an adapter added.</summary>
    public const string TransportKey = "Cqrs:Events:Transport";

    /// <summary>The service key of the <see cref="IHostedService"/>s added with <see cref="AddBackgroundWork{TWork}"/>: a host starts them only through <see cref="RunBackgroundWork"/>.</summary>
    public const string BackgroundWorkKey = "ServerlessCqrs.BackgroundWork";

    internal CqrsBuilder(IServiceCollection services, MessageCatalog catalog, MessagePipeline pipeline, AdapterCatalog adapters)
    {
        Services = services;
        Catalog = catalog;
        Pipeline = pipeline;
        Adapters = adapters;
    }

    /// <summary>The service collection, for adapters that extend the builder.</summary>
    public IServiceCollection Services { get; }

    internal MessageCatalog Catalog { get; }

    internal MessagePipeline Pipeline { get; }

    internal AdapterCatalog Adapters { get; }

    /// <summary>Registers every message and handler in an assembly.</summary>
    public CqrsBuilder AddHandlersFrom(Assembly assembly)
    {
        ArgumentNullException.ThrowIfNull(assembly);
        foreach (var handler in Catalog.Scan(assembly))
        {
            RegisterHandlerService(handler);
        }

        foreach (var process in ProcessTypesIn(assembly))
        {
            AddProcess(process);
        }

        return this;
    }

    /// <summary>
    /// Registers a process manager (a <see cref="ProcessManager{TState}"/>), created once: the events it declares
    /// reach it, and its timeouts come back through the transport's delayed delivery. Assembly scans add them too.
    /// </summary>
    public CqrsBuilder AddProcess<TProcess>()
        where TProcess : ProcessManager => AddProcess(typeof(TProcess));

    private CqrsBuilder AddProcess(Type processType)
    {
        if (Catalog.Processes.Contains(processType))
        {
            return this;
        }

        if (Catalog.Processes.Count == 0)
        {
            Catalog.AddReactions(sp => ProcessReactions.Of(sp, Catalog.Processes));
        }

        Catalog.AddProcess(processType);
        Services.TryAddSingleton(processType);
        Services.AddSingleton(sp => (ProcessManager)sp.GetRequiredService(processType));
        return AddHandler<ProcessTimeoutHandler>();
    }

    private static IEnumerable<Type> ProcessTypesIn(Assembly assembly) =>
        MessageCatalog.LoadableTypes(assembly).Where(t => t is { IsAbstract: false, IsGenericTypeDefinition: false } && t.IsSubclassOf(typeof(ProcessManager)));

    /// <summary>Registers every message and handler in the assembly that defines <typeparamref name="TMarker"/>.</summary>
    public CqrsBuilder AddHandlersFrom<TMarker>() => AddHandlersFrom(typeof(TMarker).Assembly);

    /// <summary>Registers one handler and the messages it handles.</summary>
    public CqrsBuilder AddHandler<THandler>()
        where THandler : class => AddHandler(typeof(THandler));

    /// <summary>Registers one handler and the messages it handles.</summary>
    public CqrsBuilder AddHandler(Type handlerType)
    {
        ArgumentNullException.ThrowIfNull(handlerType);
        if (!Catalog.AddHandler(handlerType))
        {
            throw new ArgumentException(
                $"{handlerType.FullName} is not a handler: implement ICommandHandler, IQueryHandler or IEventHandler.", nameof(handlerType));
        }

        RegisterHandlerService(handlerType);
        return this;
    }

    /// <summary>Registers a message that has no handler here (for example, an event only published).</summary>
    public CqrsBuilder AddMessage<TMessage>()
        where TMessage : IMessage
    {
        Catalog.AddMessage(typeof(TMessage));
        return this;
    }

    /// <summary>Adds a behavior at <paramref name="position"/> (innermost by default); see <see cref="IMessageBehavior{TMessage, TResponse}"/>.</summary>
    public CqrsBuilder AddBehavior<TBehavior>(ServiceLifetime lifetime = ServiceLifetime.Scoped, PipelinePosition position = default)
        where TBehavior : class => AddBehavior(typeof(TBehavior), lifetime, position);

    /// <summary>
    /// Adds a behavior to the pipeline at <paramref name="position"/>: innermost (the default), outermost, or
    /// just before or after a built-in stage (<see cref="PipelineStages"/>). An open generic type wraps every
    /// message its constraints allow, a closed type the one message it is closed over. Behaviors given the
    /// same position run in the order they are added; a behavior added twice keeps its first place.
    /// </summary>
    public CqrsBuilder AddBehavior(Type behaviorType, ServiceLifetime lifetime = ServiceLifetime.Scoped, PipelinePosition position = default)
    {
        ArgumentNullException.ThrowIfNull(behaviorType);
        BehaviorTypes.EnsureBehavior(behaviorType);
        Pipeline.Add(behaviorType, lifetime, position);
        Services.TryAdd(ServiceDescriptor.Describe(behaviorType, behaviorType, lifetime));
        return this;
    }

    /// <summary>
    /// Adds a store that <see cref="StoreKey"/> can name: <paramref name="use"/> registers its services when it is
    /// the one configured (see <see cref="UseConfiguredAdapters"/>). <c>InMemory</c> is built in.
    /// </summary>
    public CqrsBuilder AddStore(string name, Action<CqrsBuilder, IConfiguration> use)
    {
        Adapters.AddStore(name, use);
        return this;
    }

    /// <summary>Adds a transport that <see cref="TransportKey"/> can name; <c>InProcess</c> is built in.</summary>
    public CqrsBuilder AddTransport(string name, Action<CqrsBuilder, IConfiguration> use)
    {
        Adapters.AddTransport(name, use);
        return this;
    }

    /// <summary>
    /// Registers the store and transport <see cref="StoreKey"/> and <see cref="TransportKey"/> name (defaults
    /// <c>InMemory</c> and <c>InProcess</c>), once; a name nobody added stops here, listing the ones there are.
    /// Call it after adding every adapter.
    /// </summary>
    public CqrsBuilder UseConfiguredAdapters(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        Adapters.Apply(this, configuration);
        return this;
    }

    /// <summary>
    /// Adds work a long-running host runs in the background — sweeping the outbox, listening to a queue —
    /// and a serverless host runs from triggers instead. It runs only in a host that calls <see cref="RunBackgroundWork"/>.
    /// </summary>
    public CqrsBuilder AddBackgroundWork<TWork>()
        where TWork : class, IHostedService
    {
        Services.TryAddEnumerable(ServiceDescriptor.KeyedSingleton<IHostedService, TWork>(BackgroundWorkKey));
        return this;
    }

    /// <summary>
    /// Runs the background work the kernel and its adapters added, for as long as the host runs: for a
    /// long-running host (the LocalHost). A Functions app leaves it out; its timer and queue triggers do the work.
    /// </summary>
    public CqrsBuilder RunBackgroundWork()
    {
        Services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, BackgroundWorkHost>(
            sp => new BackgroundWorkHost(sp.GetKeyedServices<IHostedService>(BackgroundWorkKey))));
        return this;
    }

    /// <summary>Keeps views of <typeparamref name="TView"/> in the read-model store under <paramref name="name"/>.</summary>
    public CqrsBuilder AddReadModel<TView>(string name)
        where TView : class
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        if (!Services.Any(d => d.ImplementationInstance is ReadModelDefinition definition && definition.ViewType == typeof(TView)))
        {
            Services.AddSingleton(new ReadModelDefinition(typeof(TView), name));
        }

        return this;
    }

    /// <summary>Classifies <typeparamref name="TException"/> (optionally only when <paramref name="when"/> holds) as transient.</summary>
    public CqrsBuilder AddTransientException<TException>(Func<TException, bool>? when = null)
        where TException : Exception
    {
        Services.Configure<TransientErrorOptions>(o => o.Rules.Add(e => e is TException typed && (when is null || when(typed))));
        return this;
    }

    /// <summary>Adjusts the JSON options messages, results and event payloads use (web defaults, enums as strings).</summary>
    public CqrsBuilder ConfigureJson(Action<JsonSerializerOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        Catalog.ConfigureJson(configure);
        return this;
    }

    private void RegisterHandlerService(Type handlerType) =>
        Services.TryAdd(ServiceDescriptor.Describe(handlerType, handlerType, Catalog.Options.HandlerLifetime));
}
