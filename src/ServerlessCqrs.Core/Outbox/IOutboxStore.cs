using ServerlessCqrs.Events;

namespace ServerlessCqrs.Outbox;

/// <summary>
/// Events recorded for relay. A store that changes state writes the change and its events here in
/// one atomic write (a Table Storage entity-group transaction, the in-memory store's lock); the
/// relay then sends them and marks them dispatched, and the sweeper re-sends what was left behind.
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
}
