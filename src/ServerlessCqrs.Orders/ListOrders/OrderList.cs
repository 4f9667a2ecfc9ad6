using ServerlessCqrs.Orders.Domain;

namespace ServerlessCqrs.Orders;

/// <summary>The result of <c>ListOrders</c>.</summary>
/// <param name="Items">The orders, newest first.</param>
public sealed record OrderList(IReadOnlyList<OrderListItem> Items);

/// <summary>One order in a list.</summary>
/// <param name="OrderId">The order.</param>
/// <param name="Status">Its status.</param>
/// <param name="Total">Its total.</param>
public sealed record OrderListItem(string OrderId, OrderStatus Status, decimal Total);
