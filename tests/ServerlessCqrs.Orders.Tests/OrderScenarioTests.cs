using ServerlessCqrs.Orders.Domain;
using ServerlessCqrs.Orders.Events;

namespace ServerlessCqrs.Orders.Tests;

/// <summary>Orders through the test kit, as a team tests its own handlers: given what happened, when a command is sent, then these events — or this error.</summary>
public sealed class OrderScenarioTests
{
    [Fact]
    public async Task ConfirmingACreatedOrder_PublishesOrderConfirmed_AtTheKitsTime()
    {
        await using var kit = CqrsTestKit.Create(cqrs => cqrs.AddOrders());
        var orderId = (await kit.SendAsync(OrdersKernel.SampleOrder())).Value.OrderId;
        kit.Time.Advance(TimeSpan.FromMinutes(5));

        await kit.Given().When(new ConfirmOrder { OrderId = orderId })
            .ThenAsync(new OrderConfirmed { OrderId = orderId, CustomerId = "c1", OrderVersion = 2, OccurredAt = default });

        Assert.Equal(kit.Time.GetUtcNow(), kit.PublishedEvents.OfType<OrderConfirmed>().Single().OccurredAt);
    }

    [Fact]
    public async Task CancellingAConfirmedOrder_FailsWithOrderConfirmed()
    {
        await using var kit = CqrsTestKit.Create(cqrs => cqrs.AddOrders());
        var orderId = (await kit.SendAsync(OrdersKernel.SampleOrder())).Value.OrderId;

        await kit.Given(new ConfirmOrder { OrderId = orderId })
            .When(new CancelOrder { OrderId = orderId, Reason = "too late" })
            .ThenFailsAsync(OrderErrors.ConfirmedCode);
    }

    [Fact]
    public async Task WhenASendReturns_ItsEventsAreCaptured_AndTheProjectionHasRun()
    {
        await using var kit = CqrsTestKit.Create(cqrs => cqrs.AddOrders());

        var orderId = (await kit.SendAsync(OrdersKernel.SampleOrder("c7"))).Value.OrderId;
        var list = await kit.QueryAsync(new ListOrders { CustomerId = "c7" });

        Assert.Equal([orderId], kit.PublishedEvents.OfType<OrderCreated>().Select(e => e.OrderId));
        Assert.IsType<CreateOrder>(Assert.Single(kit.SentCommands));
        Assert.Equal([orderId], list.Value.Items.Select(i => i.OrderId));
        Assert.Empty(kit.FailedDeliveries);
    }

    [Fact]
    public async Task AScenarioWhoseEventsDiffer_Fails_SayingWhatWasPublished()
    {
        await using var kit = CqrsTestKit.Create(cqrs => cqrs.AddOrders());
        var orderId = (await kit.SendAsync(OrdersKernel.SampleOrder())).Value.OrderId;

        var failure = await Assert.ThrowsAsync<ScenarioFailedException>(() => kit.Given().When(new ConfirmOrder { OrderId = orderId })
            .ThenAsync(new OrderConfirmed { OrderId = orderId, CustomerId = "someone-else", OrderVersion = 2, OccurredAt = default }));

        Assert.Contains("\"customerId\":\"c1\"", failure.Message, StringComparison.Ordinal);
        Assert.Contains("\"customerId\":\"someone-else\"", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnExpectedFailureThatDoesNotHappen_Fails()
    {
        await using var kit = CqrsTestKit.Create(cqrs => cqrs.AddOrders());
        var orderId = (await kit.SendAsync(OrdersKernel.SampleOrder())).Value.OrderId;

        await Assert.ThrowsAsync<ScenarioFailedException>(() =>
            kit.Given().When(new ConfirmOrder { OrderId = orderId }).ThenFailsAsync(OrderErrors.CancelledCode));
    }
}
