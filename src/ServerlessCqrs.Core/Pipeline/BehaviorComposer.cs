using Microsoft.Extensions.DependencyInjection;
using ServerlessCqrs.Caching;
using ServerlessCqrs.Pipeline.Behaviors;
using ServerlessCqrs.Registry;

namespace ServerlessCqrs.Pipeline;

/// <summary>
/// Decides, once per message type, which behaviors wrap its handler and in which order:
/// telemetry -> logging -> your before-cache behaviors -> validation (commands and queries) -> caching
/// (queries) -> resilience -> your innermost behaviors -> handler, yours in the order added. First is outermost.
/// </summary>
internal static class BehaviorComposer
{
    private static readonly Type[] CommandDefaults =
        [typeof(TelemetryBehavior<,>), typeof(LoggingBehavior<,>), typeof(ValidationBehavior<,>), typeof(ResilienceBehavior<,>)];

    // The caching behavior is closed over the query's result type, not its response type.
    private static readonly Type[] QueryDefaults =
        [typeof(TelemetryBehavior<,>), typeof(LoggingBehavior<,>), typeof(ValidationBehavior<,>), typeof(QueryCachingBehavior<,>), typeof(ResilienceBehavior<,>)];

    private static readonly Type[] EventDefaults =
        [typeof(TelemetryBehavior<,>), typeof(LoggingBehavior<,>), typeof(ResilienceBehavior<,>)];

    /// <summary>The default behaviors are singletons; yours have the lifetime you registered them with.</summary>
    public static BehaviorSlot[] Compose(MessageDescriptor descriptor, Type responseType, MessageCatalog catalog)
    {
        var composed = new List<BehaviorSlot>();
        if (catalog.Options.EnableDefaultBehaviors)
        {
            var defaults = descriptor.Kind switch
            {
                MessageKind.Command => CommandDefaults,
                MessageKind.Query => QueryDefaults,
                _ => EventDefaults,
            };
            composed.AddRange(defaults.Select(d => new BehaviorSlot(
                d.MakeGenericType(descriptor.MessageType, d == typeof(QueryCachingBehavior<,>) ? descriptor.ResultType! : responseType),
                IsSingleton: true)));
        }

        // Before-cache behaviors go right after telemetry and logging (first of all without the defaults).
        var beforeCache = catalog.Options.EnableDefaultBehaviors ? 2 : 0;
        var contract = typeof(IMessageBehavior<,>).MakeGenericType(descriptor.MessageType, responseType);
        foreach (var (behavior, lifetime, stage) in catalog.Behaviors)
        {
            if (Close(behavior, descriptor.MessageType, responseType) is { } closed && contract.IsAssignableFrom(closed))
            {
                var slot = new BehaviorSlot(closed, lifetime == ServiceLifetime.Singleton);
                if (stage == BehaviorStage.BeforeCache)
                {
                    composed.Insert(beforeCache++, slot);
                }
                else
                {
                    composed.Add(slot);
                }
            }
        }

        return [.. composed];
    }

    /// <summary>Checks at registration that a type can be a behavior.</summary>
    public static void EnsureBehavior(Type behaviorType)
    {
        var contracts = behaviorType.GetInterfaces()
            .Where(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IMessageBehavior<,>));
        var fits = behaviorType.IsGenericTypeDefinition
            ? behaviorType.GetGenericArguments().Length == 2
              && contracts.Any(c => c.GenericTypeArguments.SequenceEqual(behaviorType.GetGenericArguments()))
            : contracts.Any();
        if (!fits || behaviorType.IsAbstract)
        {
            throw new ArgumentException(
                $"{behaviorType.FullName} is not a behavior: it must be a concrete class implementing IMessageBehavior<TMessage, TResponse>, " +
                "either closed for one message or open with exactly those two type parameters.", nameof(behaviorType));
        }
    }

    private static Type? Close(Type behavior, Type messageType, Type responseType)
    {
        if (!behavior.IsGenericTypeDefinition)
        {
            return behavior;
        }

        try
        {
            return behavior.MakeGenericType(messageType, responseType);
        }
        catch (ArgumentException)
        {
            return null; // its generic constraints exclude this message: it does not apply
        }
    }
}
