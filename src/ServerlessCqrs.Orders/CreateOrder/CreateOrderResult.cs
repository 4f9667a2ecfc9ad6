namespace ServerlessCqrs.Orders;

/// <summary>The id of the order just placed.</summary>
/// <param name="OrderId">The new order's id.</param>
public sealed record CreateOrderResult(string OrderId);
