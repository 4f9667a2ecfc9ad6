using ServerlessCqrs.Events;
using ServerlessCqrs.Orders.Domain;
using ServerlessCqrs.Outbox;

namespace ServerlessCqrs.Orders.Storage;

/// <summary>
/// The embedded order store: a dictionary guarded by a lock, with the outbox written under the same
/// lock so an order change and its event are recorded together.
/// </summary>
internal sealed class InMemoryOrderStore(InMemoryOutbox outbox, IOutboxRelay relay, EventEnvelopeFactory envelopes) : IOrderStore
{
    private readonly Dictionary<string, Order> _orders = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    public ValueTask<Order?> FindAsync(string orderId, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return ValueTask.FromResult(_orders.GetValueOrDefault(orderId));
        }
    }

    public async ValueTask<Result> SaveAsync(OrderChange change, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(change);
        var order = change.Order;
        IReadOnlyList<EventEnvelope> recorded = [envelopes.Create(change.Event) with { StreamId = order.Id }];
        lock (_gate)
        {
            var stored = _orders.TryGetValue(order.Id, out var current) ? current.Version : 0;
            if (stored != order.Version - 1)
            {
                return OrderErrors.VersionConflict(order.Id, stored, order.Version - 1);
            }

            _orders[order.Id] = order;
            outbox.Append(recorded);
        }

        await relay.RelayAsync(recorded, cancellationToken).ConfigureAwait(false);
        return Result.Success;
    }
}
