using System.Reflection;
using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using ServerlessCqrs.Pipeline;
using ServerlessCqrs.Registry;
using ServerlessCqrs.Resilience;
using ServerlessCqrs.Storage;

namespace ServerlessCqrs;

/// <summary>Adds handlers, messages, behaviors and rules to the kernel; returned by <c>AddServerlessCqrs</c>.</summary>
public sealed class CqrsBuilder
{
    internal CqrsBuilder(IServiceCollection services, MessageCatalog catalog, AdapterCatalog adapters)
    {
        Services = services;
        Catalog = catalog;
        Adapters = adapters;
    }

    /// <summary>The service collection, for adapters that extend the builder.</summary>
    public IServiceCollection Services { get; }

    internal MessageCatalog Catalog { get; }

    internal AdapterCatalog Adapters { get; }

    /// <summary>Registers every message and handler in an assembly.</summary>
    public CqrsBuilder AddHandlersFrom(Assembly assembly)
    {
        ArgumentNullException.ThrowIfNull(assembly);
        foreach (var handler in Catalog.Scan(assembly))
        {
            RegisterHandlerService(handler);
        }

        return this;
    }

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

    /// <summary>Adds a behavior; see <see cref="IMessageBehavior{TMessage, TResponse}"/> and <see cref="BehaviorStage"/> for where it runs.</summary>
    public CqrsBuilder AddBehavior<TBehavior>(ServiceLifetime lifetime = ServiceLifetime.Scoped, BehaviorStage stage = BehaviorStage.Innermost)
        where TBehavior : class => AddBehavior(typeof(TBehavior), lifetime, stage);

    /// <summary>
    /// Adds a behavior: an open generic type wraps every message its constraints allow, a closed type
    /// wraps the one message it is closed over. Behaviors of one stage run in the order they are added.
    /// </summary>
    public CqrsBuilder AddBehavior(Type behaviorType, ServiceLifetime lifetime = ServiceLifetime.Scoped, BehaviorStage stage = BehaviorStage.Innermost)
    {
        ArgumentNullException.ThrowIfNull(behaviorType);
        BehaviorComposer.EnsureBehavior(behaviorType);
        Catalog.AddBehavior(behaviorType, lifetime, stage);
        Services.TryAdd(ServiceDescriptor.Describe(behaviorType, behaviorType, lifetime));
        return this;
    }

    /// <summary>
    /// Adds a store that <c>Cqrs:Store</c> can name: <paramref name="use"/> registers its services when it is
    /// the one configured (see <see cref="UseConfiguredAdapters"/>). <c>InMemory</c> is built in.
    /// </summary>
    public CqrsBuilder AddStore(string name, Action<CqrsBuilder, IConfiguration> use)
    {
        Adapters.AddStore(name, use);
        return this;
    }

    /// <summary>Adds a transport that <c>Cqrs:Events:Transport</c> can name; <c>InProcess</c> is built in.</summary>
    public CqrsBuilder AddTransport(string name, Action<CqrsBuilder, IConfiguration> use)
    {
        Adapters.AddTransport(name, use);
        return this;
    }

    /// <summary>
    /// Registers the store and transport <c>Cqrs:Store</c> and <c>Cqrs:Events:Transport</c> name (defaults
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
    /// Keeps views of <typeparamref name="TView"/> in the read-model store under <paramref name="name"/> (a
    /// table, in Table Storage: 3-63 letters and digits, starting with a letter).
    /// </summary>
    public CqrsBuilder AddReadModel<TView>(string name)
        where TView : class
    {
        if (name is null || name.Length is < 3 or > 63 || !char.IsAsciiLetter(name[0]) || !name.All(char.IsAsciiLetterOrDigit))
        {
            throw new ArgumentException($"A read model's name must be 3-63 letters and digits, starting with a letter; it is {name}.", nameof(name));
        }

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
