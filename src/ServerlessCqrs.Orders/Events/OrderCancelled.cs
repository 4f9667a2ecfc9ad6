namespace ServerlessCqrs.Orders.Events;

/// <summary>An order was cancelled.</summary>
public sealed record OrderCancelled : Event
{
    /// <summary>The order.</summary>
    public required string OrderId { get; init; }

    /// <summary>The customer who placed it (read models are partitioned by customer).</summary>
    public required string CustomerId { get; init; }

    /// <summary>Why it was cancelled.</summary>
    public required string Reason { get; init; }

    /// <summary>The order's version after this event.</summary>
    public required long OrderVersion { get; init; }
}
