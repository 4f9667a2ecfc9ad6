namespace ServerlessCqrs.Payments.OrdersContract;

/// <summary>The Orders command that records an order as paid, sent by name.</summary>
/// <param name="OrderId">The order that was paid.</param>
[MessageName("MarkOrderPaid")]
public sealed record MarkOrderPaid(string OrderId);
