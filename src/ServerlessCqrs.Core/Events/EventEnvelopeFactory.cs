using System.Diagnostics;
using System.Text.Json;
using ServerlessCqrs.Registry;
using ServerlessCqrs.Security;

namespace ServerlessCqrs.Events;

/// <summary>Wraps events in envelopes: registry name and version, JSON payload, the current caller's tenant and user, current trace context.</summary>
public sealed class EventEnvelopeFactory(MessageRegistry registry)
{
    /// <summary>Creates the envelope of one event.</summary>
    /// <exception cref="InvalidOperationException">The event type is not registered.</exception>
    public EventEnvelope Create(IEvent @event)
    {
        ArgumentNullException.ThrowIfNull(@event);
        var descriptor = registry.GetByType(@event.GetType());
        var activity = Activity.Current;
        var caller = MessageCaller.Current;
        return new EventEnvelope
        {
            EventId = @event.EventId,
            Name = descriptor.Name,
            Version = descriptor.Version,
            Payload = JsonSerializer.Serialize(@event, descriptor.JsonTypeInfo),
            OccurredAt = @event.OccurredAt,
            TraceParent = activity?.IdFormat == ActivityIdFormat.W3C ? activity.Id : null,
            TraceState = activity?.TraceStateString,
            TenantId = caller.TenantId == MessageCaller.DefaultTenant ? null : caller.TenantId,
            UserId = caller.UserId,
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
