using ServerlessCqrs.Orders.Domain;
using ServerlessCqrs.Orders.Events;
using ServerlessCqrs.Payments.Events;
using ServerlessCqrs.Processes;

namespace ServerlessCqrs.Payments.Tests;

/// <summary>The payment process end to end on the in-memory transport, its timeout driven by the kit's fake clock.</summary>
public sealed class PaymentFlowTests
{
    [Fact]
    public async Task ConfirmingAnOrder_RequestsItsPayment_DueAfterTheTimeout()
    {
        await using var kit = PaymentKit.Create();

        var orderId = await PaymentKit.ConfirmedOrderAsync(kit);

        var payment = await PaymentKit.PaymentAsync(kit, orderId);
        Assert.Equal(new PaymentDetails(orderId, PaymentStatus.Requested, 19m, 0, 0, kit.Time.GetUtcNow() + PaymentKit.Timeout), payment);
        var waiting = Assert.Single(await Timeouts(kit).ListAsync(10, overdueOnly: false, CancellationToken.None));
        Assert.Equal(("PaymentProcess", orderId, "PaymentDue"), (waiting.Process, waiting.CorrelationId, waiting.Timeout));
        Assert.Equal(kit.Time.GetUtcNow() + PaymentKit.Timeout, waiting.DueAt);
    }

    [Fact]
    public async Task PaidInTime_TheOrderIsPaid_AndTheTimeoutNeverFires()
    {
        await using var kit = PaymentKit.Create();
        var orderId = await PaymentKit.ConfirmedOrderAsync(kit);
        kit.Time.Advance(TimeSpan.FromMinutes(10));

        Assert.True((await kit.SendAsync(new ReceivePayment { OrderId = orderId, Amount = 19m })).IsSuccess);

        Assert.Equal(OrderStatus.Paid, await PaymentKit.OrderStatusAsync(kit, orderId));
        Assert.Equal(PaymentStatus.Received, (await PaymentKit.PaymentAsync(kit, orderId))!.Status);
        Assert.Empty(await Timeouts(kit).ListAsync(10, overdueOnly: false, CancellationToken.None));
        kit.Time.Advance(TimeSpan.FromHours(1));
        Assert.Equal(OrderStatus.Paid, await PaymentKit.OrderStatusAsync(kit, orderId));
        Assert.DoesNotContain(kit.PublishedEvents, e => e is PaymentTimedOut or OrderCancelled);
    }

    [Fact]
    public async Task PartPayments_PayTheOrder_OnlyOnceTheyCoverTheTotal()
    {
        await using var kit = PaymentKit.Create();
        var orderId = await PaymentKit.ConfirmedOrderAsync(kit);

        await kit.SendAsync(new ReceivePayment { OrderId = orderId, Amount = 10m });
        Assert.Equal(OrderStatus.Confirmed, await PaymentKit.OrderStatusAsync(kit, orderId));
        await kit.SendAsync(new ReceivePayment { OrderId = orderId, Amount = 9m });

        Assert.Equal(OrderStatus.Paid, await PaymentKit.OrderStatusAsync(kit, orderId));
        Assert.Equal(19m, (await PaymentKit.PaymentAsync(kit, orderId))!.AmountReceived);
    }

    [Fact]
    public async Task NoPaymentInTime_CancelsTheOrder_ForPaymentTimeout()
    {
        await using var kit = PaymentKit.Create();
        var orderId = await PaymentKit.ConfirmedOrderAsync(kit);

        kit.Time.Advance(PaymentKit.Timeout - TimeSpan.FromSeconds(1));
        Assert.Equal(OrderStatus.Confirmed, await PaymentKit.OrderStatusAsync(kit, orderId));
        await PaymentKit.PassAsync(kit, TimeSpan.FromSeconds(1),
            async () => await PaymentKit.OrderStatusAsync(kit, orderId) == OrderStatus.Cancelled, "the order is cancelled");

        Assert.Equal(Order.PaymentTimeoutReason, kit.PublishedEvents.OfType<OrderCancelled>().Single().Reason);
        Assert.Equal(PaymentStatus.TimedOut, (await PaymentKit.PaymentAsync(kit, orderId))!.Status);
        Assert.Empty(await Timeouts(kit).ListAsync(10, overdueOnly: false, CancellationToken.None));
    }

    [Fact]
    public async Task APaymentAfterTheTimeout_IsRefunded_AndTheOrderStaysCancelled()
    {
        await using var kit = PaymentKit.Create();
        var orderId = await PaymentKit.ConfirmedOrderAsync(kit);
        await PaymentKit.PassAsync(kit, PaymentKit.Timeout,
            async () => await PaymentKit.OrderStatusAsync(kit, orderId) == OrderStatus.Cancelled, "the order is cancelled");

        Assert.True((await kit.SendAsync(new ReceivePayment { OrderId = orderId, Amount = 19m })).IsSuccess);

        var refund = Assert.Single(kit.PublishedEvents.OfType<PaymentRefunded>());
        Assert.Equal((orderId, 19m, "payment_timeout"), (refund.OrderId, refund.Amount, refund.Reason));
        var payment = (await PaymentKit.PaymentAsync(kit, orderId))!;
        Assert.Equal((PaymentStatus.Refunded, 19m, 19m, 19m), (payment.Status, payment.AmountDue, payment.AmountReceived, payment.AmountRefunded));
        Assert.Equal(OrderStatus.Cancelled, await PaymentKit.OrderStatusAsync(kit, orderId));
    }

    private static ProcessTimeouts Timeouts(CqrsTestKit kit) => kit.Services.GetRequiredService<ProcessTimeouts>();
}
