using ServerlessCqrs.Events;

namespace ServerlessCqrs.Outbox;

/// <summary>Hands recorded events to the transport and marks them dispatched.</summary>
public interface IOutboxRelay
{
    /// <summary>
    /// Relays events just committed. Never throws: a failed send leaves them pending for the sweeper,
    /// because the state change they belong to has already happened.
    /// </summary>
    ValueTask RelayAsync(IReadOnlyList<EventEnvelope> envelopes, CancellationToken cancellationToken);

    /// <summary>Re-sends events pending longer than <see cref="OutboxOptions.PendingAge"/>; returns how many.</summary>
    ValueTask<int> SweepAsync(CancellationToken cancellationToken);
}
