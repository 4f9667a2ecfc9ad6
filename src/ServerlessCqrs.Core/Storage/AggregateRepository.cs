using ServerlessCqrs.Events;
using ServerlessCqrs.Outbox;
using ServerlessCqrs.Security;

namespace ServerlessCqrs.Storage;

/// <summary>
/// Loads and saves aggregates of one type for a domain: a save commits the new state and its events
/// through the configured <see cref="IAggregateStore{TState}"/>, then relays the events. Aggregates are
/// partitioned by the current caller's tenant: an id names a stream within the tenant
/// (<see cref="TenantIds.Scope"/>), so another tenant's aggregate of the same id is simply not there.
/// </summary>
public sealed class AggregateRepository<TState>(IAggregateStore<TState> store, EventEnvelopeFactory envelopes, IOutboxRelay relay)
    where TState : class
{
    /// <summary>The aggregate's state and version, or <see langword="null"/>.</summary>
    public ValueTask<Versioned<TState>?> LoadAsync(string id, CancellationToken cancellationToken) => store.LoadAsync(StreamOf(id), cancellationToken);

    /// <summary>
    /// Saves <paramref name="state"/> as the version after <paramref name="expectedVersion"/>, with the
    /// events the change raised; <see langword="false"/> (nothing saved) when another change got there first.
    /// </summary>
    public async ValueTask<bool> SaveAsync(string id, TState state, long expectedVersion, IReadOnlyList<IEvent> events, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(events);
        var stream = StreamOf(id);
        IReadOnlyList<EventEnvelope> recorded = [.. events.Select(e => envelopes.Create(e) with { StreamId = stream })];
        if (!await store.CommitAsync(stream, state, expectedVersion, recorded, cancellationToken).ConfigureAwait(false))
        {
            return false;
        }

        await relay.RelayAsync(recorded, cancellationToken).ConfigureAwait(false);
        return true;
    }

    private static string StreamOf(string id) => TenantIds.Scope(MessageCaller.Current.TenantId, id);
}
