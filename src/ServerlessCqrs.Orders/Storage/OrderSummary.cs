using ServerlessCqrs.Orders.Domain;

namespace ServerlessCqrs.Orders.Storage;

/// <summary>A row of the order-summary read model, kept by <c>OrderSummaryProjection</c>.</summary>
/// <param name="OrderId">The order.</param>
/// <param name="CustomerId">Its customer.</param>
/// <param name="Status">Its status as of <paramref name="Version"/>.</param>
/// <param name="Total">Its total.</param>
/// <param name="Version">The order version the row reflects.</param>
/// <param name="CreatedAt">When the order was placed.</param>
public sealed record OrderSummary(string OrderId, string CustomerId, OrderStatus Status, decimal Total, long Version, DateTimeOffset CreatedAt)
{
    /// <summary>The row of an order as the write side has it.</summary>
    public static OrderSummary Of(Order order)
    {
        ArgumentNullException.ThrowIfNull(order);
        return new(order.Id, order.CustomerId, order.Status, order.Total, order.Version, order.CreatedAt);
    }
}
