using ServerlessCqrs.Caching;
using ServerlessCqrs.Orders.Domain;
using ServerlessCqrs.Orders.Events;
using ServerlessCqrs.Orders.Storage;
using ServerlessCqrs.Resilience;

namespace ServerlessCqrs.Orders.Projections;

/// <summary>
/// Keeps the order-summary read model behind <c>ListOrders</c> and invalidates the cached results the
/// change makes stale (the order's and its customer's). Idempotent by order version: a redelivered
/// event changes nothing (but invalidates again, in case the first delivery stopped in between), and
/// an event that overtook an earlier one of the same order fails transiently so the transport
/// redelivers it after the earlier one is applied.
/// </summary>
internal sealed class OrderSummaryProjection(IOrderSummaryStore summaries, IQueryCache cache)
    : IEventHandler<OrderCreated>, IEventHandler<OrderConfirmed>, IEventHandler<OrderCancelled>
{
    public ValueTask HandleAsync(OrderCreated @event, CancellationToken cancellationToken) =>
        ApplyAsync(@event.CustomerId, @event.OrderId, @event.OrderVersion,
            _ => new OrderSummary(@event.OrderId, @event.CustomerId, OrderStatus.Created, @event.Total, @event.OrderVersion, @event.OccurredAt),
            cancellationToken);

    public ValueTask HandleAsync(OrderConfirmed @event, CancellationToken cancellationToken) =>
        ApplyAsync(@event.CustomerId, @event.OrderId, @event.OrderVersion,
            row => row! with { Status = OrderStatus.Confirmed, Version = @event.OrderVersion },
            cancellationToken);

    public ValueTask HandleAsync(OrderCancelled @event, CancellationToken cancellationToken) =>
        ApplyAsync(@event.CustomerId, @event.OrderId, @event.OrderVersion,
            row => row! with { Status = OrderStatus.Cancelled, Version = @event.OrderVersion },
            cancellationToken);

    private async ValueTask ApplyAsync(
        string customerId, string orderId, long version, Func<OrderSummary?, OrderSummary> apply, CancellationToken cancellationToken)
    {
        var outcome = await summaries.ApplyAsync(customerId, orderId, version, apply, cancellationToken).ConfigureAwait(false);
        if (outcome == ProjectionOutcome.OutOfOrder)
        {
            throw new TransientException($"The summary of order '{orderId}' has not reached version {version - 1} yet; an earlier event is still on its way.");
        }

        await cache.InvalidateTagsAsync([OrderCacheTags.Order(orderId), OrderCacheTags.Customer(customerId)], cancellationToken).ConfigureAwait(false);
    }
}
