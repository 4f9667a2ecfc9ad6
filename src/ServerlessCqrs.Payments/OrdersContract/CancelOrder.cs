namespace ServerlessCqrs.Payments.OrdersContract;

/// <summary>The Orders command that cancels an order, sent by name; the process sends it with reason <c>payment_timeout</c>.</summary>
/// <param name="OrderId">The order to cancel.</param>
/// <param name="Reason">Why.</param>
[MessageName("CancelOrder")]
public sealed record CancelOrder(string OrderId, string Reason);
