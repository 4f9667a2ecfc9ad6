namespace ServerlessCqrs.Orders.Events;

/// <summary>An order was paid in full.</summary>
public sealed record OrderPaid : Event
{
    /// <summary>The order.</summary>
    public required string OrderId { get; init; }

    /// <summary>The customer who placed it (read models are partitioned by customer).</summary>
    public required string CustomerId { get; init; }

    /// <summary>The order's version after this event.</summary>
    public required long OrderVersion { get; init; }
}
