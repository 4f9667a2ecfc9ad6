using ServerlessCqrs.Http.Responses;

namespace ServerlessCqrs.Http.Idempotency;

/// <summary>What a store says when a request presents an idempotency key.</summary>
public enum IdempotencyClaimStatus
{
    /// <summary>The key is new: this request runs the command and must complete or release the key.</summary>
    Acquired,

    /// <summary>The key already has an outcome: replay it.</summary>
    Completed,

    /// <summary>Another request with the key is still running.</summary>
    InProgress,

    /// <summary>The key was used for a different request.</summary>
    Mismatch,
}

/// <summary>The answer to a claim: its status and, when completed, the remembered outcome.</summary>
/// <param name="Status">The claim status.</param>
/// <param name="Outcome">The first outcome, when <see cref="IdempotencyClaimStatus.Completed"/>.</param>
public readonly record struct IdempotencyClaim(IdempotencyClaimStatus Status, HttpOutcome? Outcome = null);
