using ServerlessCqrs.Orders.Domain;

namespace ServerlessCqrs.Orders;

/// <summary>An order as <c>GetOrder</c> returns it.</summary>
/// <param name="OrderId">The order.</param>
/// <param name="CustomerId">Its customer.</param>
/// <param name="Status">Its status.</param>
/// <param name="Lines">Its product lines.</param>
/// <param name="Total">Its total.</param>
/// <param name="Version">Its version; rises with every change.</param>
public sealed record OrderDetails(
    string OrderId, string CustomerId, OrderStatus Status, IReadOnlyList<OrderLine> Lines, decimal Total, long Version);
