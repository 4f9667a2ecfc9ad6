using System.Text.Json.Serialization;
using ServerlessCqrs.Orders.Domain;

namespace ServerlessCqrs.Orders;

/// <summary>The result of <c>ListOrders</c>: one page.</summary>
/// <param name="Items">The orders, newest first.</param>
/// <param name="ContinuationToken">Send it back as <c>continuationToken</c> for the next page; absent on the last page.</param>
public sealed record OrderList(
    IReadOnlyList<OrderListItem> Items,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? ContinuationToken = null);

/// <summary>One order in a list.</summary>
/// <param name="OrderId">The order.</param>
/// <param name="Status">Its status.</param>
/// <param name="Total">Its total.</param>
public sealed record OrderListItem(string OrderId, OrderStatus Status, decimal Total);
