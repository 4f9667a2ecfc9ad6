namespace ServerlessCqrs.Idempotency;

/// <summary>What a store says when a request presents an idempotency key.</summary>
public enum IdempotencyClaimStatus
{
    /// <summary>The key is new (or its last claim lapsed): this request runs the command and must complete or release the key.</summary>
    Acquired,

    /// <summary>The key already has an outcome: replay it.</summary>
    Completed,

    /// <summary>Another request with the key is still running, here or on another instance.</summary>
    InProgress,

    /// <summary>The key was used for a different request.</summary>
    Mismatch,
}

/// <summary>The answer to a claim.</summary>
/// <param name="Status">The claim status.</param>
/// <param name="Key">The key claimed.</param>
/// <param name="Token">The store's proof of ownership, when <see cref="IdempotencyClaimStatus.Acquired"/>.</param>
/// <param name="Outcome">The first outcome, when <see cref="IdempotencyClaimStatus.Completed"/>.</param>
public readonly record struct IdempotencyClaim(IdempotencyClaimStatus Status, string Key, string? Token = null, ReadOnlyMemory<byte> Outcome = default);
