namespace ServerlessCqrs;

/// <summary>
/// Publishes events that are not part of a state change: they are recorded in the outbox and
/// relayed at once. Events raised by a state change belong in the same atomic write as the
/// change (see <see cref="Outbox.IOutboxStore"/>), not here.
/// </summary>
public interface IEventPublisher
{
    /// <summary>Records and relays the events.</summary>
    ValueTask PublishAsync(IReadOnlyList<IEvent> events, CancellationToken cancellationToken = default);
}
