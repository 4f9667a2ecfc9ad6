using ServerlessCqrs.Orders.Domain;

namespace ServerlessCqrs.Orders.Events;

/// <summary>An order was placed.</summary>
public sealed record OrderCreated : Event
{
    /// <summary>The order.</summary>
    public required string OrderId { get; init; }

    /// <summary>The customer who placed it.</summary>
    public required string CustomerId { get; init; }

    /// <summary>The product lines.</summary>
    public required IReadOnlyList<OrderLine> Lines { get; init; }

    /// <summary>The order total.</summary>
    public required decimal Total { get; init; }

    /// <summary>The order's version after this event (1).</summary>
    public required long OrderVersion { get; init; }
}
