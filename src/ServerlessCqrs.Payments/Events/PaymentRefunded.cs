namespace ServerlessCqrs.Payments.Events;

/// <summary>Money received for an order is being given back: it came after the payment timed out, or after the order was paid.</summary>
public sealed record PaymentRefunded : Event
{
    /// <summary>The order.</summary>
    public required string OrderId { get; init; }

    /// <summary>How much is refunded.</summary>
    public required decimal Amount { get; init; }

    /// <summary>Why: <c>payment_timeout</c> or <c>already_paid</c>.</summary>
    public required string Reason { get; init; }
}
