using ServerlessCqrs.Orders.Domain;
using ServerlessCqrs.Orders.Events;
using ServerlessCqrs.Orders.Storage;
using ServerlessCqrs.Resilience;

namespace ServerlessCqrs.Orders.Tests;

public sealed class OrderSummaryProjectionTests
{
    private static readonly DateTimeOffset Now = DateTimeOffset.UnixEpoch;

    /// <summary>The summaries over the kernel's in-memory read-model store, fresh for each test.</summary>
    private static IOrderSummaryStore Summaries() => OrdersKernel.Build().GetRequiredService<IOrderSummaryStore>();

    private static OrderCreated Created(string id, long version = 1) => new()
    {
        OccurredAt = Now, OrderId = id, CustomerId = "c1", Lines = [new OrderLine("A", 1, 5m)], Total = 5m, OrderVersion = version,
    };

    private static OrderConfirmed Confirmed(string id, long version = 2) => new() { OccurredAt = Now, OrderId = id, CustomerId = "c1", OrderVersion = version };

    [Fact]
    public async Task EventsInOrder_BuildTheSummary()
    {
        var store = Summaries();
        var projection = new Projections.OrderSummaryProjection(store, new OrdersById(), new RecordingQueryCache());

        await projection.HandleAsync(Created("o1"), default);
        await projection.HandleAsync(Confirmed("o1"), default);

        var row = Assert.Single((await store.ListByCustomerAsync("c1", 10, null, default)).Views);
        Assert.Equal(("o1", OrderStatus.Confirmed, 5m, 2L), (row.OrderId, row.Status, row.Total, row.Version));
    }

    [Fact]
    public async Task Redelivery_ChangesNothing()
    {
        var store = Summaries();
        var projection = new Projections.OrderSummaryProjection(store, new OrdersById(), new RecordingQueryCache());
        await projection.HandleAsync(Created("o1"), default);
        await projection.HandleAsync(Confirmed("o1"), default);

        await projection.HandleAsync(Created("o1"), default);

        Assert.Equal(OrderStatus.Confirmed, Assert.Single((await store.ListByCustomerAsync("c1", 10, null, default)).Views).Status);
    }

    [Fact]
    public async Task EventThatOvertookAnEarlierOne_CatchesTheRowUpFromTheWriteSide_AndTheLateOneChangesNothing()
    {
        var store = Summaries();
        var orders = new OrdersById();
        var confirmed = Order.Create("o1", "c1", [new OrderLine("A", 1, 5m)], Now).Order.Confirm(Now).Value!.Order;
        orders.Add(confirmed);
        var projection = new Projections.OrderSummaryProjection(store, orders, new RecordingQueryCache());

        await projection.HandleAsync(Confirmed("o1"), default);
        await projection.HandleAsync(Created("o1"), default);

        var row = Assert.Single((await store.ListByCustomerAsync("c1", 10, null, default)).Views);
        Assert.Equal(OrderSummary.Of(confirmed), row);
    }

    [Fact]
    public async Task EventAheadOfTheWriteSide_FailsTransiently()
    {
        var projection = new Projections.OrderSummaryProjection(Summaries(), new OrdersById(), new RecordingQueryCache());

        await Assert.ThrowsAsync<TransientException>(async () => await projection.HandleAsync(Confirmed("o1"), default));
    }

    [Fact]
    public async Task EveryAppliedEvent_InvalidatesTheOrderAndCustomerTags_RedeliveriesToo()
    {
        var cache = new RecordingQueryCache();
        var orders = new OrdersById();
        var projection = new Projections.OrderSummaryProjection(Summaries(), orders, cache);
        await projection.HandleAsync(Created("o1"), default);
        cache.InvalidatedTags.Clear();

        await projection.HandleAsync(Confirmed("o1"), default);
        await projection.HandleAsync(Confirmed("o1"), default);

        Assert.Equal([["order:o1", "customer:c1"], ["order:o1", "customer:c1"]], cache.InvalidatedTags);
    }

    [Fact]
    public async Task ANewOrder_InvalidatesItsCustomersLists_ButLeavesNoTagForItself()
    {
        var cache = new RecordingQueryCache();
        var projection = new Projections.OrderSummaryProjection(Summaries(), new OrdersById(), cache);

        await projection.HandleAsync(Created("o1"), default);
        await projection.HandleAsync(Created("o1"), default);

        Assert.Equal([["customer:c1"], ["customer:c1"]], cache.InvalidatedTags);
    }

    [Fact]
    public async Task AnEventThatCannotApplyYet_InvalidatesNothing()
    {
        var cache = new RecordingQueryCache();
        var projection = new Projections.OrderSummaryProjection(Summaries(), new OrdersById(), cache);

        await Assert.ThrowsAsync<TransientException>(async () => await projection.HandleAsync(Confirmed("o1"), default));

        Assert.Empty(cache.InvalidatedTags);
    }

    [Fact]
    public async Task List_IsNewestFirst_AndHonoursTheLimit()
    {
        var store = Summaries();
        for (var i = 0; i < 3; i++)
        {
            await store.ApplyAsync("c1", $"o{i}", 1, _ => new OrderSummary($"o{i}", "c1", OrderStatus.Created, 1, 1, Now.AddMinutes(i)), default);
        }

        var page = (await store.ListByCustomerAsync("c1", 2, null, default)).Views;

        Assert.Equal(["o2", "o1"], page.Select(r => r.OrderId));
        Assert.Empty((await store.ListByCustomerAsync("someone-else", 2, null, default)).Views);
    }

    [Fact]
    public async Task ThroughTheInProcessTransport_ListOrdersCatchesUpWithConfirmAndCancel()
    {
        using var host = await OrdersKernel.StartAsync();
        var bus = host.Services.Bus();
        var confirmedId = (await bus.SendAsync(OrdersKernel.SampleOrder("c9"))).Value.OrderId;
        var cancelledId = (await bus.SendAsync(OrdersKernel.SampleOrder("c9"))).Value.OrderId;

        await bus.SendAsync(new ConfirmOrder { OrderId = confirmedId });
        await bus.SendAsync(new CancelOrder { OrderId = cancelledId, Reason = "not needed" });

        await Eventually.HoldsAsync(async () =>
        {
            var items = (await bus.QueryAsync(new ListOrders { CustomerId = "c9" })).Value.Items;
            return items.Count == 2
                && items.Single(i => i.OrderId == confirmedId).Status == OrderStatus.Confirmed
                && items.Single(i => i.OrderId == cancelledId).Status == OrderStatus.Cancelled;
        }, "ListOrders shows the confirmed and the cancelled order");
        await host.StopAsync();
    }
}

/// <summary>The write side as a dictionary, for the projection's catch-up reads.</summary>
internal sealed class OrdersById : IOrderStore
{
    private readonly Dictionary<string, Order> _orders = [];

    public void Add(Order order) => _orders[order.Id] = order;

    public ValueTask<Order?> FindAsync(string orderId, CancellationToken cancellationToken) => ValueTask.FromResult(_orders.GetValueOrDefault(orderId));

    public ValueTask<Result> SaveAsync(OrderChange change, CancellationToken cancellationToken) => throw new NotSupportedException();
}
