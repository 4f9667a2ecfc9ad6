namespace ServerlessCqrs.Events;

/// <summary>Hands events to a broker (Service Bus, Storage Queue, or the in-process channel).</summary>
public interface IEventTransport
{
    /// <summary>Where the events go, for the producer span.</summary>
    MessagingEndpoint Endpoint { get; }

    /// <summary>Sends the envelopes; returns once the broker has accepted all of them.</summary>
    ValueTask SendAsync(IReadOnlyList<EventEnvelope> envelopes, CancellationToken cancellationToken);
}
