using ServerlessCqrs.Orders.Domain;
using ServerlessCqrs.Orders.Events;

namespace ServerlessCqrs.Orders.Tests;

public sealed class OrderTests
{
    private static readonly DateTimeOffset Now = DateTimeOffset.Parse("2026-11-24T10:00:00Z", System.Globalization.CultureInfo.InvariantCulture);

    private static Order NewOrder() =>
        Order.Create("o1", "c1", [new OrderLine("A-1", 2, 9.5m), new OrderLine("B-2", 1, 1.25m)], Now).Order;

    [Fact]
    public void Create_StartsAtVersionOne_AndRaisesOrderCreated()
    {
        var (order, raised) = Order.Create("o1", "c1", [new OrderLine("A-1", 2, 9.5m)], Now);

        Assert.Equal(OrderStatus.Created, order.Status);
        Assert.Equal(1, order.Version);
        Assert.Equal(19.0m, order.Total);
        var created = Assert.IsType<OrderCreated>(raised);
        Assert.Equal(("o1", "c1", 19.0m, 1L, Now), (created.OrderId, created.CustomerId, created.Total, created.OrderVersion, created.OccurredAt));
    }

    [Fact]
    public void Confirm_MovesToTheNextVersion_AndRaisesOrderConfirmed()
    {
        var order = NewOrder();

        var change = order.Confirm(Now).Value!;

        Assert.Equal(OrderStatus.Confirmed, change.Order.Status);
        Assert.Equal(2, change.Order.Version);
        Assert.Equal(20.25m, change.Order.Total);
        Assert.Equal(2, Assert.IsType<OrderConfirmed>(change.Event).OrderVersion);
        Assert.Equal(OrderStatus.Created, order.Status);
    }

    [Fact]
    public void ConfirmingTwice_ChangesNothing()
    {
        var confirmed = NewOrder().Confirm(Now).Value!.Order;

        Assert.Null(confirmed.Confirm(Now).Value);
    }

    [Fact]
    public void Cancel_RecordsTheReason()
    {
        var change = NewOrder().Cancel("changed my mind", Now).Value!;

        Assert.Equal(OrderStatus.Cancelled, change.Order.Status);
        Assert.Equal("changed my mind", Assert.IsType<OrderCancelled>(change.Event).Reason);
        Assert.Null(change.Order.Cancel("again", Now).Value);
    }

    [Fact]
    public void ConfirmingACancelledOrder_Conflicts()
    {
        var cancelled = NewOrder().Cancel("no", Now).Value!.Order;

        var result = cancelled.Confirm(Now);

        Assert.Equal(ErrorKind.Conflict, result.Error?.Kind);
        Assert.Equal("order_cancelled", result.Error?.Code);
    }

    [Fact]
    public void CancellingAConfirmedOrder_Conflicts()
    {
        var confirmed = NewOrder().Confirm(Now).Value!.Order;

        Assert.Equal("order_confirmed", confirmed.Cancel("too late", Now).Error?.Code);
    }
}
