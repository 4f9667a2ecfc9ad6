using System.Diagnostics;

namespace ServerlessCqrs.Events;

/// <summary>
/// Where events are sent to or delivered from, for the producer and consumer spans
/// (<c>messaging.system</c>, <c>messaging.destination.name</c>). A transport whose semantic conventions
/// define more attributes derives from it and adds them to the consumer span.
/// </summary>
/// <param name="MessagingSystem">The transport, for example <c>servicebus</c>.</param>
/// <param name="Destination">The queue, topic or subscription.</param>
public record MessagingEndpoint(string MessagingSystem, string Destination)
{
    /// <summary>Adds the transport's own attributes of a delivery to its consumer span, as it starts.</summary>
    /// <param name="activity">The consumer span, recording.</param>
    /// <param name="envelope">The delivered event.</param>
    protected internal virtual void OnProcessStarted(Activity activity, EventEnvelope envelope)
    {
    }

    /// <summary>Adds the transport's own attributes of the decision (how the message will be settled) to the consumer span.</summary>
    /// <param name="activity">The consumer span, recording.</param>
    /// <param name="decision">What the dispatcher decided.</param>
    protected internal virtual void OnDecided(Activity activity, DispatchDecision decision)
    {
    }
}
