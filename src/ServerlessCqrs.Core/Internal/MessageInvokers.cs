using System.Collections.Frozen;
using System.Collections.Immutable;
using ServerlessCqrs.Registry;

namespace ServerlessCqrs.Internal;

/// <summary>
/// How each registered message is dispatched, built beside the <see cref="MessageRegistry"/> at startup:
/// the invoker of each command and query, the handler invokers of each event. A dispatch is one lookup.
/// </summary>
internal sealed class MessageInvokers(
    MessageRegistry registry, FrozenDictionary<Type, RequestInvoker> requests, FrozenDictionary<Type, ImmutableArray<EventHandlerInvoker>> eventHandlers)
{
    public MessageRegistry Registry { get; } = registry;

    /// <summary>The invoker of a command or query type, or <see langword="null"/> for other types.</summary>
    public RequestInvoker? RequestOf(Type messageType) => requests.GetValueOrDefault(messageType);

    /// <summary>The handlers of an event type, in the order they run.</summary>
    public ImmutableArray<EventHandlerInvoker> EventHandlersOf(MessageDescriptor @event) =>
        eventHandlers.TryGetValue(@event.MessageType, out var handlers) ? handlers : [];
}
