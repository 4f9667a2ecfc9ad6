namespace ServerlessCqrs.Events;

/// <summary>
/// Remembers which handlers already succeeded for an event id, so a redelivery or replay runs only
/// the handlers that have not.
/// </summary>
public interface IEventHandlerLedger
{
    /// <summary>Whether the handler already succeeded for the event.</summary>
    ValueTask<bool> HasSucceededAsync(Guid eventId, string handlerName, CancellationToken cancellationToken);

    /// <summary>Records that the handler succeeded for the event.</summary>
    ValueTask RecordSuccessAsync(Guid eventId, string handlerName, CancellationToken cancellationToken);
}
