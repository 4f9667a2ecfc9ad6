using ServerlessCqrs.Events;

namespace ServerlessCqrs.Outbox;

/// <summary>
/// Events recorded for relay. A store that changes state writes the change and its events here in
/// one atomic write (a Table Storage entity-group transaction, the in-memory store's lock); the
/// relay then sends them and marks them dispatched, and the sweeper re-sends what was left behind,
/// oldest first, reading only what is pending. An event that can never be sent is parked, not retried.
/// </summary>
public interface IOutboxStore
{
    /// <summary>Records events that are not part of a state change (see <see cref="IEventPublisher"/>).</summary>
    ValueTask AppendAsync(IReadOnlyList<EventEnvelope> envelopes, CancellationToken cancellationToken);

    /// <summary>
    /// Up to <paramref name="maxCount"/> events recorded before <paramref name="recordedBefore"/> and not yet
    /// dispatched, oldest first among those returned (a store without a time index picks which in its own order).
    /// </summary>
    ValueTask<IReadOnlyList<EventEnvelope>> GetPendingAsync(DateTimeOffset recordedBefore, int maxCount, CancellationToken cancellationToken);

    /// <summary>Marks events as handed to the transport; events already marked are skipped.</summary>
    ValueTask MarkDispatchedAsync(IReadOnlyList<EventEnvelope> envelopes, CancellationToken cancellationToken);

    /// <summary>Sets aside an event no transport can carry, with the reason: no longer pending, never sent, listed by <see cref="ListParkedAsync"/>.</summary>
    ValueTask ParkAsync(EventEnvelope envelope, string reason, DateTimeOffset parkedAt, CancellationToken cancellationToken);

    /// <summary>Parked events, oldest first, as dead letters with reason <see cref="DeadLetterReason.Unsendable"/>.</summary>
    ValueTask<IReadOnlyList<DeadLetter>> ListParkedAsync(int maxCount, CancellationToken cancellationToken);
}
