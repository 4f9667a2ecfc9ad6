using ServerlessCqrs.Events;

namespace ServerlessCqrs.Outbox;

/// <summary>Records events in the outbox, then relays them.</summary>
internal sealed class OutboxEventPublisher(EventEnvelopeFactory envelopes, IOutboxStore outbox, IOutboxRelay relay) : IEventPublisher
{
    public async ValueTask PublishAsync(IReadOnlyList<IEvent> events, CancellationToken cancellationToken = default)
    {
        var recorded = envelopes.CreateAll(events);
        await outbox.AppendAsync(recorded, cancellationToken).ConfigureAwait(false);
        await relay.RelayAsync(recorded, cancellationToken).ConfigureAwait(false);
    }
}
