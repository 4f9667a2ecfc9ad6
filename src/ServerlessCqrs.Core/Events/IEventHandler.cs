namespace ServerlessCqrs;

/// <summary>
/// Handles an event. Any number of handlers per event type; each runs once per event id
/// (a redelivery skips handlers that already succeeded). Handlers should still be idempotent,
/// because success is recorded after the handler returns.
/// </summary>
/// <typeparam name="TEvent">The event type.</typeparam>
public interface IEventHandler<in TEvent>
    where TEvent : IEvent
{
    /// <summary>Reacts to the event. Throw to fail: transient errors are retried, others dead-lettered.</summary>
    ValueTask HandleAsync(TEvent @event, CancellationToken cancellationToken);
}
