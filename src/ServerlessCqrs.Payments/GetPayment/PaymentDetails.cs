namespace ServerlessCqrs.Payments;

/// <summary>The payment of an order.</summary>
/// <param name="OrderId">The order.</param>
/// <param name="Status">Where the payment is.</param>
/// <param name="AmountDue">The order total; <see langword="null"/> while the order's confirmation has not been seen.</param>
/// <param name="AmountReceived">What has come in.</param>
/// <param name="AmountRefunded">What was given back.</param>
/// <param name="DueAt">When the order is cancelled if not paid; <see langword="null"/> before the confirmation.</param>
public sealed record PaymentDetails(string OrderId, PaymentStatus Status, decimal? AmountDue, decimal AmountReceived, decimal AmountRefunded, DateTimeOffset? DueAt);
