namespace ServerlessCqrs.Payments.Events;

/// <summary>A payment for an order came in (it may cover the order, part of it, or come too late).</summary>
public sealed record PaymentReceived : Event
{
    /// <summary>The payment.</summary>
    public required Guid PaymentId { get; init; }

    /// <summary>The order it pays for.</summary>
    public required string OrderId { get; init; }

    /// <summary>How much.</summary>
    public required decimal Amount { get; init; }
}
