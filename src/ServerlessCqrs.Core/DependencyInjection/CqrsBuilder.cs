using System.Reflection;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using ServerlessCqrs.Pipeline;
using ServerlessCqrs.Registry;
using ServerlessCqrs.Resilience;

namespace ServerlessCqrs;

/// <summary>Adds handlers, messages, behaviors and rules to the kernel; returned by <c>AddServerlessCqrs</c>.</summary>
public sealed class CqrsBuilder
{
    internal CqrsBuilder(IServiceCollection services, MessageCatalog catalog)
    {
        Services = services;
        Catalog = catalog;
    }

    /// <summary>The service collection, for adapters that extend the builder.</summary>
    public IServiceCollection Services { get; }

    internal MessageCatalog Catalog { get; }

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

    /// <summary>Adds a behavior; see <see cref="IMessageBehavior{TMessage, TResponse}"/> for where it runs.</summary>
    public CqrsBuilder AddBehavior<TBehavior>(ServiceLifetime lifetime = ServiceLifetime.Scoped)
        where TBehavior : class => AddBehavior(typeof(TBehavior), lifetime);

    /// <summary>
    /// Adds a behavior: an open generic type wraps every message its constraints allow, a closed type
    /// wraps the one message it is closed over. Behaviors run in the order they are added.
    /// </summary>
    public CqrsBuilder AddBehavior(Type behaviorType, ServiceLifetime lifetime = ServiceLifetime.Scoped)
    {
        ArgumentNullException.ThrowIfNull(behaviorType);
        BehaviorComposer.EnsureBehavior(behaviorType);
        Catalog.AddBehavior(behaviorType, lifetime);
        Services.TryAdd(ServiceDescriptor.Describe(behaviorType, behaviorType, lifetime));
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
