using System.Collections.Frozen;
using System.Collections.Immutable;
using System.Reflection;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Microsoft.Extensions.DependencyInjection;
using ServerlessCqrs.Pipeline;
using ServerlessCqrs.Registry;

namespace ServerlessCqrs.Internal;

/// <summary>
/// Freezes the catalog into the registry at startup, with the invokers that dispatch each message: JSON
/// contracts, behavior chains and invokers are built here once, and every registration problem is
/// reported together.
/// </summary>
internal static class MessageInvokersFactory
{
    /// <summary>
    /// Builds the registry and invokers; <paramref name="services"/>, when given, tells which handlers are singletons (resolved
    /// once), and <paramref name="provider"/> gives the catalog's <see cref="EventReaction"/>s, which run beside the handlers of their events.
    /// </summary>
    public static MessageInvokers Create(
        MessageCatalog catalog, MessagePipeline pipeline, IEnumerable<ServiceDescriptor>? services = null, IServiceProvider? provider = null)
    {
        var json = CreateSerializerOptions(catalog);
        var singletons = SingletonsIn(services ?? []);
        var problems = new List<string>();
        var handlersByMessage = catalog.Handlers.ToLookup(h => h.MessageType, h => h.HandlerType);
        var descriptors = new List<MessageDescriptor>();
        var requests = new Dictionary<Type, RequestInvoker>();
        var eventHandlers = new Dictionary<Type, ImmutableArray<EventHandlerInvoker>>();
        var reactions = Reactions(catalog, provider, problems);

        foreach (var shape in catalog.Messages)
        {
            var handlers = handlersByMessage[shape.MessageType].ToArray();
            var reactionsTo = shape.Kind == MessageKind.Event ? reactions[shape.Name].ToArray() : [];
            var descriptor = new MessageDescriptor(
                shape, json.GetTypeInfo(shape.MessageType), [.. handlers.Select(h => h.Name), .. reactionsTo.Select(r => r.HandlerName)]);
            descriptors.Add(descriptor);
            if (shape.Kind == MessageKind.Event)
            {
                eventHandlers[shape.MessageType] =
                [
                    .. handlers.Select(h => CreateEventHandlerInvoker(descriptor, h, pipeline, catalog.Options)),
                    .. reactionsTo.Select(r => CreateReactionInvoker(descriptor, r, pipeline, catalog.Options)),
                ];
                problems.AddRange(DuplicateHandlerNames(descriptor));
            }
            else if (handlers.Length == 1)
            {
                requests[shape.MessageType] = CreateRequestInvoker(descriptor, handlers[0], singletons.Contains(handlers[0]), pipeline, catalog.Options);
            }
            else
            {
                problems.Add(handlers.Length == 0
                    ? $"{descriptor} has no handler. Implement its handler interface and register it (assembly scan or AddHandler<T>())."
                    : $"{descriptor} has {handlers.Length} handlers ({string.Join(", ", handlers.Select(h => h.FullName))}); commands and queries have exactly one.");
            }
        }

        var registered = catalog.Messages.Where(m => m.Kind == MessageKind.Event).Select(m => m.Name).ToHashSet(StringComparer.OrdinalIgnoreCase);
        problems.AddRange(reactions.Where(r => !registered.Contains(r.Key)).SelectMany(r => r).Select(r =>
            $"{r.HandlerName} reacts to an event named '{r.EventName}', but no registered event has that name. " +
            "Register the context that publishes it, or the event with AddMessage<T>()."));

        if (problems.Count > 0)
        {
            throw new InvalidOperationException(
                "The CQRS registrations are invalid:" + Environment.NewLine + string.Join(Environment.NewLine, problems.Select(p => " - " + p)));
        }

        return new MessageInvokers(new MessageRegistry(descriptors, json), requests.ToFrozenDictionary(), eventHandlers.ToFrozenDictionary());
    }

    private static JsonSerializerOptions CreateSerializerOptions(MessageCatalog catalog)
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            TypeInfoResolver = new DefaultJsonTypeInfoResolver(),

            // Messages and results are JSON API bodies, never embedded in HTML.
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        };
        options.Converters.Add(new JsonStringEnumConverter());
        foreach (var configure in catalog.JsonConfigurations)
        {
            configure(options);
        }

        options.MakeReadOnly();
        return options;
    }

    private static IEnumerable<string> DuplicateHandlerNames(MessageDescriptor descriptor) =>
        descriptor.HandlerNames.GroupBy(name => name, StringComparer.Ordinal)
            .Where(g => g.Count() > 1)
            .Select(g => $"{descriptor} has several handlers named {g.Key}; " +
                "handler names identify which handlers already ran for an event, so they must differ.");

    /// <summary>The catalog's reactions, by the name of the event they react to.</summary>
    private static ILookup<string, EventReaction> Reactions(MessageCatalog catalog, IServiceProvider? provider, List<string> problems)
    {
        if (catalog.ReactionSources.Count > 0 && provider is null)
        {
            problems.Add("Process managers are registered, but the registry was built without a service provider to create them.");
            return Array.Empty<EventReaction>().ToLookup(r => r.EventName);
        }

        return catalog.ReactionSources.SelectMany(source => source(provider!)).ToLookup(r => r.EventName, StringComparer.OrdinalIgnoreCase);
    }

    private static EventHandlerInvoker CreateReactionInvoker(MessageDescriptor descriptor, EventReaction reaction, MessagePipeline pipeline, CqrsOptions options)
    {
        var behaviors = BehaviorComposer.Compose(descriptor, typeof(Result), pipeline, options);
        var create = typeof(MessageInvokersFactory).GetMethod(nameof(CreateReactionInvokerOf), BindingFlags.NonPublic | BindingFlags.Static)!
            .MakeGenericMethod(descriptor.MessageType);
        return (EventHandlerInvoker)create.Invoke(null, [descriptor, reaction, behaviors])!;
    }

    private static EventHandlerInvoker<TEvent> CreateReactionInvokerOf<TEvent>(MessageDescriptor descriptor, EventReaction reaction, BehaviorSlot[] behaviors)
        where TEvent : IEvent =>
        new(descriptor, reaction.HandlerName, behaviors,
            (@event, context, cancellationToken) => reaction.Handle(@event, descriptor, context.Services, @event.EventId, cancellationToken));

    // The last registration of a type is the one resolved.
    private static HashSet<Type> SingletonsIn(IEnumerable<ServiceDescriptor> services) =>
        [.. services.Where(d => !d.IsKeyedService).GroupBy(d => d.ServiceType)
            .Where(g => g.Last().Lifetime == ServiceLifetime.Singleton).Select(g => g.Key)];

    private static RequestInvoker CreateRequestInvoker(
        MessageDescriptor descriptor, Type handlerType, bool handlerIsSingleton, MessagePipeline pipeline, CqrsOptions options)
    {
        var (invokerType, responseType) = (descriptor.Kind, descriptor.ResultType) switch
        {
            (MessageKind.Command, null) => (typeof(CommandInvoker<>).MakeGenericType(descriptor.MessageType), typeof(Result)),
            (MessageKind.Command, var result) => (
                typeof(CommandInvoker<,>).MakeGenericType(descriptor.MessageType, result),
                typeof(Result<>).MakeGenericType(result)),
            (_, var result) => (
                typeof(QueryInvoker<,>).MakeGenericType(descriptor.MessageType, result!),
                typeof(Result<>).MakeGenericType(result!)),
        };
        var behaviors = BehaviorComposer.Compose(descriptor, responseType, pipeline, options);
        return (RequestInvoker)Activator.CreateInstance(invokerType, descriptor, handlerType, handlerIsSingleton, behaviors)!;
    }

    private static EventHandlerInvoker CreateEventHandlerInvoker(MessageDescriptor descriptor, Type handlerType, MessagePipeline pipeline, CqrsOptions options)
    {
        var behaviors = BehaviorComposer.Compose(descriptor, typeof(Result), pipeline, options);
        var invokerType = typeof(EventHandlerInvoker<>).MakeGenericType(descriptor.MessageType);
        return (EventHandlerInvoker)Activator.CreateInstance(invokerType, descriptor, handlerType, behaviors)!;
    }
}
