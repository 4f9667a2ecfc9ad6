namespace ServerlessCqrs.Payments.Events;

/// <summary>An order was confirmed, and its payment is now due by <see cref="DueAt"/>.</summary>
public sealed record PaymentRequested : Event
{
    /// <summary>The order.</summary>
    public required string OrderId { get; init; }

    /// <summary>The amount due: the order total.</summary>
    public required decimal AmountDue { get; init; }

    /// <summary>When the order is cancelled if the payment has not come.</summary>
    public required DateTimeOffset DueAt { get; init; }
}
