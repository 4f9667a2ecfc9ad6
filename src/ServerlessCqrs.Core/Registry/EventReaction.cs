namespace ServerlessCqrs.Registry;

/// <summary>
/// A reaction to an event by its wire name that is not an <see cref="IEventHandler{TEvent}"/> — a process
/// manager's step. It runs through the event's pipeline like a handler, once per event under
/// <see cref="HandlerName"/> in the ledger.
/// </summary>
/// <param name="EventName">The event it reacts to.</param>
/// <param name="HandlerName">Its name among the event's handlers.</param>
/// <param name="Handle">Reacts to the event (as its registered type) within the delivery's scope, given the event id.</param>
internal sealed record EventReaction(
    string EventName, string HandlerName, Func<object, MessageDescriptor, IServiceProvider, Guid, CancellationToken, ValueTask> Handle);
