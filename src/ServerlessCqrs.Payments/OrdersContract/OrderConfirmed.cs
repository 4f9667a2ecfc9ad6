namespace ServerlessCqrs.Payments.OrdersContract;

/// <summary>
/// Payments' reading of the Orders event <c>OrderConfirmed</c>: the fields it needs, read from the event's JSON by
/// name. Payments depends on no Orders code; the wire name and these fields are the contract between them.
/// </summary>
/// <param name="OrderId">The confirmed order.</param>
/// <param name="Total">What it costs: the payment due.</param>
[MessageName("OrderConfirmed")]
public sealed record OrderConfirmed(string OrderId, decimal Total);
