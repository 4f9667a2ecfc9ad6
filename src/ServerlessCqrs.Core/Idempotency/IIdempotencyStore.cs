namespace ServerlessCqrs.Idempotency;

/// <summary>
/// Remembers the first outcome of each request sent with an idempotency key, for every instance: the
/// first request claims the key atomically, a concurrent repeat finds it in progress, a later repeat
/// gets the outcome. A claim whose request died lapses after its lease; outcomes expire after their retention.
/// </summary>
public interface IIdempotencyStore
{
    /// <summary>
    /// Claims <paramref name="key"/> for a request identified by <paramref name="fingerprint"/> (a hash of
    /// its content) for <paramref name="lease"/>. The same key with another fingerprint is a
    /// <see cref="IdempotencyClaimStatus.Mismatch"/>.
    /// </summary>
    ValueTask<IdempotencyClaim> TryClaimAsync(string key, string fingerprint, TimeSpan lease, CancellationToken cancellationToken);

    /// <summary>Stores the outcome of an acquired claim, kept for <paramref name="retention"/>.</summary>
    ValueTask CompleteAsync(IdempotencyClaim claim, ReadOnlyMemory<byte> outcome, TimeSpan retention, CancellationToken cancellationToken);

    /// <summary>Gives an acquired claim up without an outcome (the request faulted), so a retry can run at once.</summary>
    ValueTask ReleaseAsync(IdempotencyClaim claim, CancellationToken cancellationToken);
}
