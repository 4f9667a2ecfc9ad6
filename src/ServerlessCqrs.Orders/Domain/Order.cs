using System.Text.Json.Serialization;
using ServerlessCqrs.Orders.Events;

namespace ServerlessCqrs.Orders.Domain;

/// <summary>
/// An order. Immutable: every step returns an <see cref="OrderChange"/> with the next version and
/// the event that records it, which the store saves together (optimistic concurrency on the version).
/// </summary>
public sealed class Order
{
    [JsonConstructor]
    private Order(string id, string customerId, IReadOnlyList<OrderLine> lines, OrderStatus status, long version, DateTimeOffset createdAt)
    {
        Id = id;
        CustomerId = customerId;
        Lines = lines;
        Status = status;
        Version = version;
        CreatedAt = createdAt;
    }

    /// <summary>The order id.</summary>
    public string Id { get; }

    /// <summary>The customer who placed it.</summary>
    public string CustomerId { get; }

    /// <summary>The product lines, in the order given.</summary>
    public IReadOnlyList<OrderLine> Lines { get; }

    /// <summary>Where the order is in its life.</summary>
    public OrderStatus Status { get; }

    /// <summary>Starts at 1 and rises by one with every change.</summary>
    public long Version { get; }

    /// <summary>When it was placed.</summary>
    public DateTimeOffset CreatedAt { get; }

    /// <summary>The sum of the line amounts.</summary>
    [JsonIgnore]
    public decimal Total => Lines.Sum(l => l.Quantity * l.UnitPrice);

    /// <summary>An order as a store saved it.</summary>
    public static Order Restore(string id, string customerId, IReadOnlyList<OrderLine> lines, OrderStatus status, long version, DateTimeOffset createdAt) =>
        new(id, customerId, [.. lines], status, version, createdAt);

    /// <summary>Places a new order.</summary>
    public static OrderChange Create(string id, string customerId, IReadOnlyList<OrderLine> lines, DateTimeOffset now)
    {
        var order = new Order(id, customerId, [.. lines], OrderStatus.Created, 1, now);
        return new OrderChange(order, new OrderCreated
        {
            OccurredAt = now,
            OrderId = id,
            CustomerId = customerId,
            Lines = order.Lines,
            Total = order.Total,
            OrderVersion = order.Version,
        });
    }

    /// <summary>The reason the payment process cancels a confirmed order that was not paid in time.</summary>
    public const string PaymentTimeoutReason = "payment_timeout";

    /// <summary>Confirms the order. Confirming twice (or a paid order) changes nothing; a cancelled order cannot be confirmed.</summary>
    public Result<OrderChange?> Confirm(DateTimeOffset now) => Status switch
    {
        OrderStatus.Cancelled => OrderErrors.AlreadyCancelled(Id),
        OrderStatus.Confirmed or OrderStatus.Paid => Result<OrderChange?>.Success(null),
        _ => Next(OrderStatus.Confirmed, order => new OrderConfirmed
        {
            OccurredAt = now,
            OrderId = Id,
            CustomerId = CustomerId,
            Total = Total,
            OrderVersion = order.Version,
        }),
    };

    /// <summary>Records full payment of a confirmed order. Paying twice changes nothing; only a confirmed order can be paid.</summary>
    public Result<OrderChange?> MarkPaid(DateTimeOffset now) => Status switch
    {
        OrderStatus.Paid => Result<OrderChange?>.Success(null),
        OrderStatus.Confirmed => Next(OrderStatus.Paid, order => new OrderPaid
        {
            OccurredAt = now,
            OrderId = Id,
            CustomerId = CustomerId,
            OrderVersion = order.Version,
        }),
        _ => OrderErrors.NotConfirmed(Id, Status),
    };

    /// <summary>
    /// Cancels the order. Cancelling twice changes nothing; a paid order cannot be cancelled, nor can a caller
    /// cancel a confirmed one: only the payment process does, with <see cref="PaymentTimeoutReason"/> (<paramref name="byPaymentTimeout"/>).
    /// </summary>
    public Result<OrderChange?> Cancel(string reason, DateTimeOffset now, bool byPaymentTimeout = false) => Status switch
    {
        OrderStatus.Paid => OrderErrors.AlreadyPaid(Id),
        OrderStatus.Confirmed when !byPaymentTimeout => OrderErrors.AlreadyConfirmed(Id),
        OrderStatus.Cancelled => Result<OrderChange?>.Success(null),
        _ => Next(OrderStatus.Cancelled, order => new OrderCancelled
        {
            OccurredAt = now,
            OrderId = Id,
            CustomerId = CustomerId,
            Reason = reason,
            OrderVersion = order.Version,
        }),
    };

    private OrderChange Next(OrderStatus status, Func<Order, IEvent> raise)
    {
        var next = new Order(Id, CustomerId, Lines, status, Version + 1, CreatedAt);
        return new OrderChange(next, raise(next));
    }
}
