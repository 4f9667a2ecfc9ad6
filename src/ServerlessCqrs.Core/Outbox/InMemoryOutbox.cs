using ServerlessCqrs.Events;

namespace ServerlessCqrs.Outbox;

/// <summary>
/// The embedded outbox. In-memory stores call <see cref="Append"/> inside the lock that guards their
/// state, so a change and its events become visible together.
/// </summary>
public sealed class InMemoryOutbox(TimeProvider timeProvider) : IOutboxStore
{
    // By event id: each relayed event is removed on its own, whatever else is pending.
    private readonly Dictionary<Guid, (EventEnvelope Envelope, DateTimeOffset RecordedAt)> _pending = [];
    private readonly List<DeadLetter> _parked = [];
    private readonly Lock _gate = new();

    /// <summary>How many events wait for relay.</summary>
    public int PendingCount
    {
        get
        {
            lock (_gate)
            {
                return _pending.Count;
            }
        }
    }

    /// <summary>Records events; cannot fail, so it is safe inside another store's critical section.</summary>
    public void Append(IReadOnlyList<EventEnvelope> envelopes)
    {
        ArgumentNullException.ThrowIfNull(envelopes);
        var now = timeProvider.GetUtcNow();
        lock (_gate)
        {
            foreach (var envelope in envelopes)
            {
                _pending[envelope.EventId] = (envelope, now);
            }
        }
    }

    /// <inheritdoc />
    public ValueTask AppendAsync(IReadOnlyList<EventEnvelope> envelopes, CancellationToken cancellationToken)
    {
        Append(envelopes);
        return ValueTask.CompletedTask;
    }

    /// <inheritdoc />
    public ValueTask<IReadOnlyList<EventEnvelope>> GetPendingAsync(DateTimeOffset recordedBefore, int maxCount, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            IReadOnlyList<EventEnvelope> pending =
                [.. _pending.Values.Where(p => p.RecordedAt < recordedBefore).OrderBy(p => p.RecordedAt).Take(maxCount).Select(p => p.Envelope)];
            return ValueTask.FromResult(pending);
        }
    }

    /// <inheritdoc />
    public ValueTask MarkDispatchedAsync(IReadOnlyList<EventEnvelope> envelopes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(envelopes);
        lock (_gate)
        {
            foreach (var envelope in envelopes)
            {
                _pending.Remove(envelope.EventId);
            }
        }

        return ValueTask.CompletedTask;
    }

    /// <inheritdoc />
    public ValueTask ParkAsync(EventEnvelope envelope, string reason, DateTimeOffset parkedAt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(envelope);
        lock (_gate)
        {
            _pending.Remove(envelope.EventId);
            _parked.Add(new DeadLetter(envelope, nameof(DeadLetterReason.Unsendable), reason, null, null, parkedAt));
        }

        return ValueTask.CompletedTask;
    }

    /// <inheritdoc />
    public ValueTask<IReadOnlyList<DeadLetter>> ListParkedAsync(int maxCount, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return ValueTask.FromResult<IReadOnlyList<DeadLetter>>([.. _parked.Take(maxCount)]);
        }
    }
}
