using System.Diagnostics;
using System.Text.Json;
using ServerlessCqrs.Registry;

namespace ServerlessCqrs.Events;

/// <summary>Wraps events in envelopes: registry name and version, JSON payload, current trace context.</summary>
public sealed class EventEnvelopeFactory(MessageRegistry registry)
{
    /// <summary>Creates the envelope of one event.</summary>
    /// <exception cref="InvalidOperationException">The event type is not registered.</exception>
    public EventEnvelope Create(IEvent @event)
    {
        ArgumentNullException.ThrowIfNull(@event);
        var descriptor = registry.GetByType(@event.GetType());
        var activity = Activity.Current;
        return new EventEnvelope
        {
            EventId = @event.EventId,
            Name = descriptor.Name,
            Version = descriptor.Version,
            Payload = JsonSerializer.Serialize(@event, descriptor.JsonTypeInfo),
            OccurredAt = @event.OccurredAt,
            TraceParent = activity?.IdFormat == ActivityIdFormat.W3C ? activity.Id : null,
            TraceState = activity?.TraceStateString,
        };
    }

    /// <summary>Creates the envelopes of several events, in order.</summary>
    public IReadOnlyList<EventEnvelope> CreateAll(IReadOnlyList<IEvent> events)
    {
        ArgumentNullException.ThrowIfNull(events);
        var envelopes = new EventEnvelope[events.Count];
        for (var i = 0; i < envelopes.Length; i++)
        {
            envelopes[i] = Create(events[i]);
        }

        return envelopes;
    }
}
