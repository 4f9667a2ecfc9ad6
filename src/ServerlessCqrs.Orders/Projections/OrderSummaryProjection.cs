using ServerlessCqrs.Caching;
using ServerlessCqrs.Orders.Domain;
using ServerlessCqrs.Orders.Events;
using ServerlessCqrs.Orders.Storage;
using ServerlessCqrs.Resilience;

namespace ServerlessCqrs.Orders.Projections;

/// <summary>
/// Keeps the order-summary read model behind <c>ListOrders</c> and invalidates the cached results the
/// change makes stale: its customer's lists, and the order's own once it existed before (nothing can
/// have cached an order that did not exist: not-found is never cached; so a new order leaves no tag behind). Idempotent by order version: a redelivered
/// event changes nothing (but invalidates again, in case the first delivery stopped in between). An
/// event that overtook an earlier one of the same order (a crash, a redelivery, parallel consumers)
/// catches the row up from the write side, so the read model converges whatever order events arrive
/// in; the late earlier event then changes nothing.
/// </summary>
internal sealed class OrderSummaryProjection(IOrderSummaryStore summaries, IOrderStore orders, IQueryCache cache)
    : IEventHandler<OrderCreated>, IEventHandler<OrderConfirmed>, IEventHandler<OrderCancelled>, IEventHandler<OrderPaid>
{
    public ValueTask HandleAsync(OrderCreated @event, CancellationToken cancellationToken) =>
        ApplyAsync(@event.CustomerId, @event.OrderId, @event.OrderVersion,
            _ => new OrderSummary(@event.OrderId, @event.CustomerId, OrderStatus.Created, @event.Total, @event.OrderVersion, @event.OccurredAt),
            cancellationToken,
            isNew: true);

    public ValueTask HandleAsync(OrderConfirmed @event, CancellationToken cancellationToken) =>
        ApplyAsync(@event.CustomerId, @event.OrderId, @event.OrderVersion,
            row => row! with { Status = OrderStatus.Confirmed, Version = @event.OrderVersion },
            cancellationToken);

    public ValueTask HandleAsync(OrderCancelled @event, CancellationToken cancellationToken) =>
        ApplyAsync(@event.CustomerId, @event.OrderId, @event.OrderVersion,
            row => row! with { Status = OrderStatus.Cancelled, Version = @event.OrderVersion },
            cancellationToken);

    public ValueTask HandleAsync(OrderPaid @event, CancellationToken cancellationToken) =>
        ApplyAsync(@event.CustomerId, @event.OrderId, @event.OrderVersion,
            row => row! with { Status = OrderStatus.Paid, Version = @event.OrderVersion },
            cancellationToken);

    private async ValueTask ApplyAsync(
        string customerId, string orderId, long version, Func<OrderSummary?, OrderSummary> apply, CancellationToken cancellationToken, bool isNew = false)
    {
        var outcome = await summaries.ApplyAsync(customerId, orderId, version, apply, cancellationToken).ConfigureAwait(false);
        if (outcome == ProjectionOutcome.OutOfOrder)
        {
            var order = await orders.FindAsync(orderId, cancellationToken).ConfigureAwait(false);
            if (order is null || order.Version < version)
            {
                throw new TransientException($"Order '{orderId}' is not at version {version} in its store yet.");
            }

            await summaries.CatchUpAsync(OrderSummary.Of(order), cancellationToken).ConfigureAwait(false);
        }

        await cache.InvalidateTagsAsync(
            isNew ? [OrderCacheTags.Customer(customerId)] : [OrderCacheTags.Order(orderId), OrderCacheTags.Customer(customerId)],
            cancellationToken).ConfigureAwait(false);
    }
}
