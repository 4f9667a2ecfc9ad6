using ServerlessCqrs.Events;
using ServerlessCqrs.Registry;

namespace ServerlessCqrs.Testing;

/// <summary>
/// The kit's transport: records each event as its handlers will read it (from the wire form), then hands it to the
/// event dispatcher at once — so the handlers, and any commands they send, have run when the send returns.
/// </summary>
internal sealed class RecordingEventTransport(MessageRegistry registry, IServiceProvider services, MessageLog log) : IEventTransport
{
    public MessagingEndpoint Endpoint { get; } = new("test-kit", "test-kit");

    public async ValueTask SendAsync(IReadOnlyList<EventEnvelope> envelopes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(envelopes);
        var dispatcher = (EventDispatcher)services.GetService(typeof(EventDispatcher))!;
        foreach (var envelope in envelopes)
        {
            if (!registry.TryGetByName(envelope.Name, out var descriptor))
            {
                throw new InvalidOperationException($"No event named {envelope.Name} is registered.");
            }

            var @event = (IEvent)System.Text.Json.JsonSerializer.Deserialize(envelope.Payload, descriptor.JsonTypeInfo)!;
            log.Published(@event);
            var decision = await dispatcher.DispatchAsync(envelope, Endpoint, cancellationToken).ConfigureAwait(false);
            if (decision.Action != DispatchAction.Complete)
            {
                log.Failed(@event, decision);
            }
        }
    }
}
