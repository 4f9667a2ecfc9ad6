namespace ServerlessCqrs.Payments.Events;

/// <summary>The payments received for an order cover its total; the order is being marked paid.</summary>
public sealed record PaymentSettled : Event
{
    /// <summary>The order.</summary>
    public required string OrderId { get; init; }

    /// <summary>What was received in all.</summary>
    public required decimal AmountReceived { get; init; }
}
