namespace ServerlessCqrs.Events;

/// <summary>What the ledger says when a delivery asks to run one handler for one event.</summary>
public enum HandlerClaimStatus
{
    /// <summary>This delivery holds the claim: run the handler, then record success or release the claim.</summary>
    Acquired,

    /// <summary>The handler already succeeded for the event: skip it.</summary>
    Succeeded,

    /// <summary>Another delivery (here or on another instance) holds an unexpired claim: try again later.</summary>
    Busy,
}

/// <summary>A claim on running one handler for one event, as the ledger granted or refused it.</summary>
/// <param name="Status">The answer.</param>
/// <param name="EventId">The event.</param>
/// <param name="HandlerName">The handler.</param>
/// <param name="Token">The store's proof of ownership (an ETag, say), for recording success or releasing.</param>
/// <param name="HeldFor">For <see cref="HandlerClaimStatus.Busy"/>, how long the other delivery's claim still holds, when known.</param>
public readonly record struct HandlerClaim(HandlerClaimStatus Status, Guid EventId, string HandlerName, string? Token = null, TimeSpan? HeldFor = null);
