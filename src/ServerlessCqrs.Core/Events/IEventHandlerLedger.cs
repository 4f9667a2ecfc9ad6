namespace ServerlessCqrs.Events;

/// <summary>
/// Runs each handler once per event across every delivery, replay and instance: a delivery claims the
/// (event, handler) pair durably before running the handler and records success after, so a duplicate
/// arriving at the same moment finds the claim and a redelivery finds the success. A claim whose owner
/// died lapses after <see cref="EventDeliveryOptions.HandlerLease"/>; records expire after
/// <see cref="EventDeliveryOptions.LedgerRetention"/>.
/// </summary>
public interface IEventHandlerLedger
{
    /// <summary>Claims the handler's run for the event, or says it succeeded already, or that another delivery holds it.</summary>
    ValueTask<HandlerClaim> TryClaimAsync(Guid eventId, string handlerName, CancellationToken cancellationToken);

    /// <summary>Records that the handler of an acquired claim succeeded.</summary>
    ValueTask RecordSuccessAsync(HandlerClaim claim, CancellationToken cancellationToken);

    /// <summary>Gives an acquired claim up after the handler failed, so the next delivery can run it at once.</summary>
    ValueTask ReleaseAsync(HandlerClaim claim, CancellationToken cancellationToken);
}
