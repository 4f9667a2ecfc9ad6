using ServerlessCqrs.Orders.Domain;
using ServerlessCqrs.Storage;

namespace ServerlessCqrs.Orders.Storage;

/// <summary>Orders as aggregates of the kernel's store: an order is a stream, saved with its event at the version it was changed from.</summary>
internal sealed class OrderStore(AggregateRepository<Order> orders) : IOrderStore
{
    public async ValueTask<Order?> FindAsync(string orderId, CancellationToken cancellationToken) =>
        (await orders.LoadAsync(orderId, cancellationToken).ConfigureAwait(false))?.Value;

    public async ValueTask<Result> SaveAsync(OrderChange change, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(change);
        var order = change.Order;
        var changedFrom = order.Version - 1;
        return await orders.SaveAsync(order.Id, order, changedFrom, [change.Event], cancellationToken).ConfigureAwait(false)
            ? Result.Success
            : OrderErrors.VersionConflict(order.Id, changedFrom);
    }
}
