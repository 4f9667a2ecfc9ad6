using System.Net.Http.Json;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Microsoft.Extensions.DependencyInjection.Extensions;
using ServerlessCqrs.Diagnostics;
using ServerlessCqrs.Events;
using ServerlessCqrs.Orders;
using ServerlessCqrs.Orders.Domain;
using ServerlessCqrs.Payments.Events;
using ServerlessCqrs.Pipeline;
using ServerlessCqrs.Processes;
using ServerlessCqrs.Resilience;

namespace ServerlessCqrs.Payments.Tests;

/// <summary>What the process does when messages come out of order, twice, or after they stopped mattering.</summary>
public sealed class PaymentDeliveryTests
{
    [Fact]
    public async Task APaymentBeforeTheConfirmationIsSeen_IsKept_AndPaysTheOrderWhenItIsConfirmed()
    {
        await using var kit = PaymentKit.Create();
        var orderId = await PaymentKit.NewOrderAsync(kit);

        await kit.SendAsync(new ReceivePayment { OrderId = orderId, Amount = 19m });
        Assert.Equal(OrderStatus.Created, await PaymentKit.OrderStatusAsync(kit, orderId));
        Assert.Equal(19m, (await PaymentKit.PaymentAsync(kit, orderId))!.AmountReceived);
        Assert.True((await kit.SendAsync(new ConfirmOrder { OrderId = orderId })).IsSuccess);

        Assert.Equal(OrderStatus.Paid, await PaymentKit.OrderStatusAsync(kit, orderId));
        Assert.Equal(PaymentStatus.Received, (await PaymentKit.PaymentAsync(kit, orderId))!.Status);
        Assert.Empty(await kit.Services.GetRequiredService<ProcessTimeouts>().ListAsync(10, overdueOnly: false, CancellationToken.None));
    }

    [Fact]
    public async Task DeliveredTwice_AConfirmationRequestsOnePayment_AndAPaymentCountsOnce()
    {
        await using var kit = PaymentKit.Create();
        var orderId = await PaymentKit.ConfirmedOrderAsync(kit);
        var confirmed = kit.PublishedEvents.OfType<Orders.Events.OrderConfirmed>().Single();
        var payment = new PaymentReceived { OccurredAt = kit.Time.GetUtcNow(), PaymentId = Guid.NewGuid(), OrderId = orderId, Amount = 10m };

        await kit.PublishAsync(confirmed);
        await kit.PublishAsync(payment);
        await kit.PublishAsync(payment);

        Assert.Single(kit.PublishedEvents.OfType<PaymentRequested>());
        Assert.Single(await kit.Services.GetRequiredService<ProcessTimeouts>().ListAsync(10, overdueOnly: false, CancellationToken.None));
        Assert.Equal(10m, (await PaymentKit.PaymentAsync(kit, orderId))!.AmountReceived);
        Assert.Equal(OrderStatus.Confirmed, await PaymentKit.OrderStatusAsync(kit, orderId));
    }

    [Fact]
    public async Task ATimeoutWhoseTokenTheProcessNoLongerHolds_IsIgnored_AndCounted()
    {
        await using var kit = PaymentKit.Create();
        using var stale = new MetricCollector<long>(kit.Services.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>(),
            CqrsDiagnostics.MeterName, CqrsDiagnostics.Instruments.ProcessTimeoutsStale);
        var orderId = await PaymentKit.ConfirmedOrderAsync(kit);

        await kit.PublishAsync(new ProcessTimeoutDue
        {
            EventId = Guid.NewGuid(), OccurredAt = kit.Time.GetUtcNow(), Process = "PaymentProcess", CorrelationId = orderId, Timeout = "PaymentDue",
            DueAt = kit.Time.GetUtcNow(),
        });

        Assert.Equal(OrderStatus.Confirmed, await PaymentKit.OrderStatusAsync(kit, orderId));
        Assert.Equal(1, stale.GetMeasurementSnapshot().EvaluateAsCounter());
        Assert.Empty(kit.FailedDeliveries);
    }

    [Fact]
    public async Task OnlyTheService_MarksAnOrderPaid_OrCancelsAConfirmedOne()
    {
        await using var kit = PaymentKit.Create();
        var orderId = await PaymentKit.ConfirmedOrderAsync(kit);

        Assert.Equal(Error.ForbiddenCode, (await kit.SendAsync(new MarkOrderPaid { OrderId = orderId })).Error?.Code);
        Assert.Equal(OrderErrors.ConfirmedCode, (await kit.SendAsync(new CancelOrder { OrderId = orderId, Reason = Order.PaymentTimeoutReason })).Error?.Code);
        using var http = await kit.CreateHttpClientAsync();
        var response = await http.PostAsync(new Uri("/api/commands/MarkOrderPaid", UriKind.Relative), JsonContent.Create(new { orderId }));
        Assert.Equal(System.Net.HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(OrderStatus.Confirmed, await PaymentKit.OrderStatusAsync(kit, orderId));
    }

    [Fact]
    public async Task APaidOrder_CannotBeCancelled()
    {
        await using var kit = PaymentKit.Create();
        var orderId = await PaymentKit.ConfirmedOrderAsync(kit);
        await kit.SendAsync(new ReceivePayment { OrderId = orderId, Amount = 19m });

        Assert.Equal(OrderErrors.PaidCode, (await kit.SendAsync(new CancelOrder { OrderId = orderId, Reason = "changed my mind" })).Error?.Code);
    }

    [Fact]
    public async Task ATimeoutDeliveredBeforeItIsDue_WaitsForTheRest_UnderANewToken_AndThenFiresOnce()
    {
        await using var kit = PaymentKit.Create();
        var orderId = await PaymentKit.ConfirmedOrderAsync(kit);
        var timeouts = kit.Services.GetRequiredService<ProcessTimeouts>();
        var waiting = Assert.Single(await timeouts.ListAsync(10, overdueOnly: false, CancellationToken.None));

        // What a transport with a capped delay does: it delivers the timeout before it is due.
        await kit.PublishAsync(new ProcessTimeoutDue
        {
            EventId = waiting.TimeoutId, OccurredAt = waiting.RequestedAt, Process = waiting.Process, CorrelationId = orderId, Timeout = waiting.Timeout,
            DueAt = waiting.DueAt,
        });

        var rest = Assert.Single(await timeouts.ListAsync(10, overdueOnly: false, CancellationToken.None));
        Assert.NotEqual(waiting.TimeoutId, rest.TimeoutId);
        Assert.Equal(waiting.DueAt, rest.DueAt);
        Assert.Equal(OrderStatus.Confirmed, await PaymentKit.OrderStatusAsync(kit, orderId));
        await PaymentKit.PassAsync(kit, PaymentKit.Timeout,
            async () => await PaymentKit.OrderStatusAsync(kit, orderId) == OrderStatus.Cancelled, "the order is cancelled when due");
        Assert.Single(kit.PublishedEvents.OfType<PaymentTimedOut>());
    }

    [Fact]
    public async Task ATimeoutLongerThanTheInProcessTimerWaits_FiresWhenDue()
    {
        await using var kit = CqrsTestKit.Create(cqrs => cqrs.AddOrders().AddPayments(), new Dictionary<string, string?> { ["Payments:Timeout"] = "10.00:00:00" });
        var orderId = await PaymentKit.ConfirmedOrderAsync(kit);
        var timeouts = kit.Services.GetRequiredService<ProcessTimeouts>();
        var first = Assert.Single(await timeouts.ListAsync(10, overdueOnly: false, CancellationToken.None));

        kit.Time.Advance(TimeSpan.FromDays(7));
        await Eventually.HoldsAsync(async () => (await timeouts.ListAsync(10, overdueOnly: false, CancellationToken.None)).Single().TimeoutId != first.TimeoutId,
            "the timeout is scheduled again for the rest");
        Assert.Equal(OrderStatus.Confirmed, await PaymentKit.OrderStatusAsync(kit, orderId));
        await PaymentKit.PassAsync(kit, TimeSpan.FromDays(3),
            async () => await PaymentKit.OrderStatusAsync(kit, orderId) == OrderStatus.Cancelled, "the order is cancelled after 10 days");
    }

    [Fact]
    public async Task AStepThatDiesAfterSavingItsDecision_IsFinishedByTheRedelivery_NotDecidedTwice()
    {
        var scheduler = new SchedulerThatFailsOnce();
        // No retry within the delivery: the failure goes back to the transport, which delivers the event again.
        await using var kit = CqrsTestKit.Create(cqrs => cqrs.AddOrders().AddPayments(),
            new Dictionary<string, string?> { ["Cqrs:Resilience:Default:MaxRetryAttempts"] = "0" },
            services => services.Replace(ServiceDescriptor.Singleton<IEventScheduler>(scheduler)));
        var timeouts = kit.Services.GetRequiredService<ProcessTimeouts>();

        var orderId = await PaymentKit.ConfirmedOrderAsync(kit);

        // The decision (the state, PaymentRequested, the timeout) is saved; scheduling the timeout failed.
        var (confirmed, decision) = Assert.Single(kit.FailedDeliveries);
        Assert.Equal(DispatchAction.Retry, decision.Action);
        Assert.Empty(await timeouts.ListAsync(10, overdueOnly: false, CancellationToken.None));

        await kit.PublishAsync(confirmed);

        var waiting = Assert.Single(await timeouts.ListAsync(10, overdueOnly: false, CancellationToken.None));
        Assert.Equal((orderId, "scheduled-2"), (waiting.CorrelationId, waiting.Handle));
        Assert.Single(kit.PublishedEvents.OfType<PaymentRequested>());
    }

    [Fact]
    public async Task ATimeoutStepThatDiesBeforeCancellingTheOrder_IsFinishedByTheTimeoutsRedelivery()
    {
        await using var kit = CqrsTestKit.Create(cqrs => cqrs.AddOrders().AddPayments().AddBehavior<CancelOrderFailsOnce>(ServiceLifetime.Singleton),
            new Dictionary<string, string?> { ["Cqrs:Resilience:Default:MaxRetryAttempts"] = "0" });
        var orderId = await PaymentKit.ConfirmedOrderAsync(kit);

        kit.Time.Advance(PaymentKit.Timeout);
        await Eventually.HoldsAsync(() => kit.FailedDeliveries.Any(f => f.Event is ProcessTimeoutDue), "the timeout's step fails sending CancelOrder");
        Assert.Equal(OrderStatus.Confirmed, await PaymentKit.OrderStatusAsync(kit, orderId));

        await kit.PublishAsync(kit.FailedDeliveries.Single(f => f.Event is ProcessTimeoutDue).Event);

        Assert.Equal(OrderStatus.Cancelled, await PaymentKit.OrderStatusAsync(kit, orderId));
        Assert.Single(kit.PublishedEvents.OfType<PaymentTimedOut>());
    }

    /// <summary>Fails the first CancelOrder, as a crash or an unreachable Orders store would, after the process saved its decision.</summary>
    private sealed class CancelOrderFailsOnce : IMessageBehavior<Orders.CancelOrder, Result>
    {
        private int _calls;

        public ValueTask<Result> HandleAsync(
            Orders.CancelOrder message, MessageContext context, MessageHandlerDelegate<Orders.CancelOrder, Result> next, CancellationToken cancellationToken) =>
            Interlocked.Increment(ref _calls) == 1 ? throw new TransientException("The orders store is not answering.") : next(message, context, cancellationToken);
    }
}
