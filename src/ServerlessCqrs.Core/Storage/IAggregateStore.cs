using ServerlessCqrs.Events;

namespace ServerlessCqrs.Storage;

/// <summary>
/// Where aggregates of one type live: each is a stream (its id) whose state is committed together with
/// the events the change raised, in one atomic write, only if the stream is still at the expected
/// version. Adapters implement it (in memory, Table Storage); domains use it through
/// <see cref="AggregateRepository{TState}"/>. States are stored as they are given, so keep them immutable.
/// </summary>
public interface IAggregateStore<TState>
    where TState : class
{
    /// <summary>The aggregate's state and version, or <see langword="null"/> when there is none.</summary>
    ValueTask<Versioned<TState>?> LoadAsync(string id, CancellationToken cancellationToken);

    /// <summary>
    /// Commits <paramref name="state"/> as version <paramref name="expectedVersion"/> + 1 and records
    /// <paramref name="events"/> (which belong to stream <paramref name="id"/>) in the outbox, atomically.
    /// Returns <see langword="false"/>, writing nothing, when the stream is not at <paramref name="expectedVersion"/>
    /// (0: it must not exist).
    /// </summary>
    ValueTask<bool> CommitAsync(string id, TState state, long expectedVersion, IReadOnlyList<EventEnvelope> events, CancellationToken cancellationToken);
}
