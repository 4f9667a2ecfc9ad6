namespace ServerlessCqrs.Payments.Events;

/// <summary>No payment covered the order in time; the order is being cancelled with reason <c>payment_timeout</c>.</summary>
public sealed record PaymentTimedOut : Event
{
    /// <summary>The order.</summary>
    public required string OrderId { get; init; }

    /// <summary>What was received before the time ran out (refunded with <see cref="PaymentRefunded"/>).</summary>
    public required decimal AmountReceived { get; init; }
}
