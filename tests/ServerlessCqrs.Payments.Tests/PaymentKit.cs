using ServerlessCqrs.Orders;
using ServerlessCqrs.Orders.Domain;

namespace ServerlessCqrs.Payments.Tests;

/// <summary>Orders and Payments on the test kit, as the hosts compose them, with a payment timeout of 15 minutes.</summary>
internal static class PaymentKit
{
    public static readonly TimeSpan Timeout = TimeSpan.FromMinutes(15);

    public static CqrsTestKit Create() => CqrsTestKit.Create(cqrs => cqrs.AddOrders().AddPayments());

    /// <summary>An order of 19.00 (2 × 9.50), confirmed: its payment is now due.</summary>
    public static async Task<string> ConfirmedOrderAsync(CqrsTestKit kit)
    {
        var orderId = await NewOrderAsync(kit);
        Assert.True((await kit.SendAsync(new ConfirmOrder { OrderId = orderId })).IsSuccess);
        return orderId;
    }

    public static async Task<string> NewOrderAsync(CqrsTestKit kit)
    {
        var created = await kit.SendAsync(new CreateOrder
        {
            CustomerId = "c1",
            Lines = [new CreateOrderLine { Sku = "A-1", Quantity = 2, UnitPrice = 9.5m }],
        });
        return created.Value.OrderId;
    }

    public static async Task<OrderStatus> OrderStatusAsync(CqrsTestKit kit, string orderId) =>
        (await kit.QueryAsync(new GetOrder { OrderId = orderId })).Value.Status;

    public static async Task<PaymentDetails?> PaymentAsync(CqrsTestKit kit, string orderId) =>
        (await kit.QueryAsync(new GetPayment { OrderId = orderId })) is { IsSuccess: true } found ? found.Value : null;

    /// <summary>Moves the kit's clock, then waits for what the timers it fired set off.</summary>
    public static async Task PassAsync(CqrsTestKit kit, TimeSpan time, Func<Task<bool>> until, string what)
    {
        kit.Time.Advance(time);
        await Eventually.HoldsAsync(until, what);
    }
}
