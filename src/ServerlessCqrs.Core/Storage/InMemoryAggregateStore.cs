using ServerlessCqrs.Events;
using ServerlessCqrs.Outbox;

namespace ServerlessCqrs.Storage;

/// <summary>The embedded aggregate store: a dictionary, with the outbox written under the same lock as the state.</summary>
internal sealed class InMemoryAggregateStore<TState>(InMemoryOutbox outbox) : IAggregateStore<TState>
    where TState : class
{
    private readonly Dictionary<string, Versioned<TState>> _streams = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    public ValueTask<Versioned<TState>?> LoadAsync(string id, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return ValueTask.FromResult(_streams.GetValueOrDefault(id));
        }
    }

    public ValueTask<bool> CommitAsync(string id, TState state, long expectedVersion, IReadOnlyList<EventEnvelope> events, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if ((_streams.GetValueOrDefault(id)?.Version ?? 0) != expectedVersion)
            {
                return ValueTask.FromResult(false);
            }

            _streams[id] = new Versioned<TState>(state, expectedVersion + 1);
            outbox.Append(events);
            return ValueTask.FromResult(true);
        }
    }
}
