using ServerlessCqrs.Http.Responses;

namespace ServerlessCqrs.Http.Idempotency;

/// <summary>Remembers the first outcome of each command sent with an <c>Idempotency-Key</c>.</summary>
public interface IIdempotencyStore
{
    /// <summary>
    /// Claims a key for a request identified by <paramref name="fingerprint"/> (a hash of its content).
    /// The same key with a different fingerprint is a <see cref="IdempotencyClaimStatus.Mismatch"/>.
    /// </summary>
    ValueTask<IdempotencyClaim> TryClaimAsync(string key, string fingerprint, CancellationToken cancellationToken);

    /// <summary>Stores the outcome of a claimed key.</summary>
    ValueTask CompleteAsync(string key, HttpOutcome outcome, CancellationToken cancellationToken);

    /// <summary>Gives a claimed key up without an outcome (the request faulted), so a retry can run.</summary>
    ValueTask ReleaseAsync(string key, CancellationToken cancellationToken);
}
