namespace ServerlessCqrs.Orders.Events;

/// <summary>An order was confirmed.</summary>
public sealed record OrderConfirmed : Event
{
    /// <summary>The order.</summary>
    public required string OrderId { get; init; }

    /// <summary>The customer who placed it (read models are partitioned by customer).</summary>
    public required string CustomerId { get; init; }

    /// <summary>The order total, which a payment must cover (absent from events written before it was added: 0).</summary>
    public decimal Total { get; init; }

    /// <summary>The order's version after this event.</summary>
    public required long OrderVersion { get; init; }
}
