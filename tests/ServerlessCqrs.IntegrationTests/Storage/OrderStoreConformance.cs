using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;
using ServerlessCqrs.Events;
using ServerlessCqrs.Orders;
using ServerlessCqrs.Orders.Domain;
using ServerlessCqrs.Orders.Storage;
using ServerlessCqrs.Outbox;
using ServerlessCqrs.Security;
using ServerlessCqrs.Storage;

namespace ServerlessCqrs.IntegrationTests.Storage;

/// <summary>
/// What every Orders store must do, run against the in-memory one and Table Storage on Azurite:
/// keep orders exactly, refuse stale writes, record each change's event with it, and keep the
/// read model idempotent by version.
/// </summary>
public abstract class OrderStoreConformance : IDisposable
{
    private static readonly DateTimeOffset Now = new(2026, 11, 24, 12, 0, 0, TimeSpan.Zero);
    private readonly ServiceProvider _services;

    protected OrderStoreConformance(AzuriteFixture azurite, string store)
    {
        var settings = azurite.Settings(store: store, transport: "InProcess");
        _services = CqrsTestHost.Build((services, cqrs) =>
        {
            cqrs.AddOrders().AddAzureAdapters(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());
            services.Replace(ServiceDescriptor.Singleton<TimeProvider>(Clock));
            services.Replace(ServiceDescriptor.Singleton<IEventTransport>(Transport));
        }, settings: settings);
    }

    private FakeTimeProvider Clock { get; } = new(Now);

    private RecordingTransport Transport { get; } = new();

    protected IOrderStore Orders => _services.GetRequiredService<IOrderStore>();

    private IOrderSummaryStore Summaries => _services.GetRequiredService<IOrderSummaryStore>();

    private IOutboxStore Outbox => _services.GetRequiredService<IOutboxStore>();

    public void Dispose()
    {
        _services.Dispose();
        GC.SuppressFinalize(this);
    }

    private static OrderChange NewOrder(string customerId = "c1") =>
        Order.Create(Guid.NewGuid().ToString("N"), customerId, [new OrderLine("A-1", 2, 9.5m), new OrderLine("B-2", 1, 0.1m)], Now);

    private Task<IReadOnlyList<EventEnvelope>> PendingAsync() => Outbox.GetPendingAsync(DateTimeOffset.MaxValue, 100, default).AsTask();

    [Fact]
    public async Task SavedOrder_IsFoundWithEveryField()
    {
        var created = NewOrder();

        Assert.True((await Orders.SaveAsync(created, default)).IsSuccess);

        var found = await Orders.FindAsync(created.Order.Id, default);
        Assert.NotNull(found);
        Assert.Equal(("c1", OrderStatus.Created, 1L, Now, 19.1m), (found.CustomerId, found.Status, found.Version, found.CreatedAt, found.Total));
        Assert.Equal(created.Order.Lines, found.Lines);
        Assert.Null(await Orders.FindAsync("no-such-order", default));
    }

    [Fact]
    public async Task Save_RecordsTheEventWithTheChange_AndRelaysIt()
    {
        var created = NewOrder();

        await Orders.SaveAsync(created, default);

        var sent = Assert.Single(Transport.Sent);
        Assert.Equal((created.Event.EventId, "OrderCreated", created.Order.Id), (sent.EventId, sent.Name, sent.StreamId));
        Assert.Empty(await PendingAsync());
    }

    [Fact]
    public async Task SendFailingAfterCommit_LosesNothing_TheSweepSendsItOnceItIsOld()
    {
        Transport.Failing = true;
        var created = NewOrder();

        Assert.True((await Orders.SaveAsync(created, default)).IsSuccess);
        Assert.Equal(created.Event.EventId, Assert.Single(await PendingAsync()).EventId);
        Transport.Failing = false;
        var relay = _services.GetRequiredService<IOutboxRelay>();

        Assert.Equal(0, await relay.SweepAsync(default));
        Clock.Advance(TimeSpan.FromSeconds(2));
        Assert.Equal(1, await relay.SweepAsync(default));

        Assert.Equal(created.Event.EventId, Assert.Single(Transport.Sent).EventId);
        Assert.Empty(await PendingAsync());
        Assert.Equal(0, await relay.SweepAsync(default));
    }

    [Fact]
    public async Task StaleWrite_IsAConcurrencyError_AndRecordsNothing()
    {
        var created = NewOrder();
        await Orders.SaveAsync(created, default);
        var loaded = (await Orders.FindAsync(created.Order.Id, default))!;
        var confirm = loaded.Confirm(Now).Value!;
        var cancel = loaded.Cancel("changed my mind", Now).Value!;

        Assert.True((await Orders.SaveAsync(confirm, default)).IsSuccess);
        var stale = await Orders.SaveAsync(cancel, default);

        Assert.Equal(ErrorKind.Concurrency, stale.Error!.Kind);
        Assert.Equal(OrderStatus.Confirmed, (await Orders.FindAsync(created.Order.Id, default))!.Status);
        Assert.Equal(["OrderCreated", "OrderConfirmed"], Transport.Sent.Select(e => e.Name));
    }

    [Fact]
    public async Task CreatingTheSameOrderTwice_IsAConcurrencyError()
    {
        var created = NewOrder();
        await Orders.SaveAsync(created, default);

        var again = await Orders.SaveAsync(created with { Event = NewOrder().Event }, default);

        Assert.Equal(ErrorKind.Concurrency, again.Error!.Kind);
        Assert.Single(Transport.Sent);
    }

    [Fact]
    public async Task EventsWithoutAStream_AreRecorded_AndMarkingTwiceIsHarmless()
    {
        var envelope = new EventEnvelope { EventId = Guid.NewGuid(), Name = "Loose", Payload = "{}" };

        await Outbox.AppendAsync([envelope], default);
        Assert.Equal(envelope.EventId, Assert.Single(await PendingAsync()).EventId);

        await Outbox.MarkDispatchedAsync([envelope], default);
        await Outbox.MarkDispatchedAsync([envelope], default);
        Assert.Empty(await PendingAsync());
    }

    [Theory]
    [InlineData("c1")]
    [InlineData("odd/customer#id?with\\keys")]
    public async Task Summary_AppliesEachVersionOnce_InOrder(string customerId)
    {
        var orderId = Guid.NewGuid().ToString("N");
        var row = new OrderSummary(orderId, customerId, OrderStatus.Created, 19.1m, 1, Now);

        Assert.Equal(ProjectionOutcome.Applied, await Summaries.ApplyAsync(customerId, orderId, 1, _ => row, default));
        Assert.Equal(ProjectionOutcome.AlreadyApplied, await Summaries.ApplyAsync(customerId, orderId, 1, _ => row, default));
        Assert.Equal(ProjectionOutcome.OutOfOrder, await Summaries.ApplyAsync(customerId, orderId, 3, r => r!, default));
        Assert.Equal(ProjectionOutcome.Applied,
            await Summaries.ApplyAsync(customerId, orderId, 2, r => r! with { Status = OrderStatus.Confirmed, Version = 2 }, default));

        var listed = Assert.Single((await Summaries.ListByCustomerAsync(customerId, 10, null, default)).Views);
        Assert.Equal(row with { Status = OrderStatus.Confirmed, Version = 2 }, listed);
    }

    [Fact]
    public async Task CatchUp_WritesOnlyANewerRow_SkippingVersionsBetween()
    {
        var orderId = Guid.NewGuid().ToString("N");
        var created = new OrderSummary(orderId, "c2", OrderStatus.Created, 5m, 1, Now);
        var cancelled = created with { Status = OrderStatus.Cancelled, Version = 3 };

        Assert.True(await Summaries.CatchUpAsync(cancelled, default));
        Assert.False(await Summaries.CatchUpAsync(created, default));
        Assert.Equal(ProjectionOutcome.AlreadyApplied, await Summaries.ApplyAsync("c2", orderId, 2, r => r!, default));

        Assert.Equal(cancelled, Assert.Single((await Summaries.ListByCustomerAsync("c2", 100, null, default)).Views, s => s.OrderId == orderId));
    }

    [Fact]
    public async Task Summaries_ListNewestFirst_PerCustomer_UpToTheLimit()
    {
        var customer = "list-" + Guid.NewGuid().ToString("N");
        for (var i = 0; i < 5; i++)
        {
            var orderId = $"o{i}";
            await Summaries.ApplyAsync(customer, orderId, 1, _ => new OrderSummary(orderId, customer, OrderStatus.Created, i, 1, Now.AddMinutes(i)), default);
        }

        await Summaries.ApplyAsync("other-" + customer, "x", 1, _ => new OrderSummary("x", "other", OrderStatus.Created, 1, 1, Now), default);

        var first = await Summaries.ListByCustomerAsync(customer, 3, null, default);
        Assert.Equal(["o4", "o3", "o2"], first.Views.Select(s => s.OrderId));
        var all = await Summaries.ListByCustomerAsync(customer, 5, null, default);
        Assert.Equal(5, all.Views.Count);
        Assert.Null(all.Next);
        Assert.Empty((await Summaries.ListByCustomerAsync("nobody-" + customer, 10, null, default)).Views);
    }

    [Fact]
    public async Task Summaries_PageByContinuation_EachOrderOnce_WhileNewOrdersArrive()
    {
        var customer = "page-" + Guid.NewGuid().ToString("N");
        for (var i = 0; i < 7; i++)
        {
            await PlaceAsync(customer, $"o{i}", Now.AddMinutes(i));
        }

        var first = await Summaries.ListByCustomerAsync(customer, 3, null, default);
        Assert.Equal(["o6", "o5", "o4"], first.Views.Select(s => s.OrderId));

        // Orders placed after the first page are newer: they go before it and never shift the pages after it.
        await PlaceAsync(customer, "new1", Now.AddMinutes(60));
        var token = ReadModelCursor.TryParse(first.Next!.ToString(), out var cursor) ? cursor : null;
        var second = await Summaries.ListByCustomerAsync(customer, 3, token, default);
        await PlaceAsync(customer, "new2", Now.AddMinutes(61));
        var third = await Summaries.ListByCustomerAsync(customer, 3, second.Next, default);

        Assert.Equal(["o3", "o2", "o1"], second.Views.Select(s => s.OrderId));
        Assert.Equal(["o0"], third.Views.Select(s => s.OrderId));
        Assert.Null(third.Next);
    }

    [Fact]
    public async Task Summaries_AnExactlyFullLastPage_PointsNowhere()
    {
        var customer = "full-" + Guid.NewGuid().ToString("N");
        for (var i = 0; i < 4; i++)
        {
            await PlaceAsync(customer, $"o{i}", Now.AddMinutes(i));
        }

        var first = await Summaries.ListByCustomerAsync(customer, 2, null, default);
        var last = await Summaries.ListByCustomerAsync(customer, 2, first.Next, default);

        Assert.NotNull(first.Next);
        Assert.Equal(["o1", "o0"], last.Views.Select(s => s.OrderId));
        Assert.Null(last.Next);
    }

    private ValueTask<ProjectionOutcome> PlaceAsync(string customer, string orderId, DateTimeOffset at) =>
        Summaries.ApplyAsync(customer, orderId, 1, _ => new OrderSummary(orderId, customer, OrderStatus.Created, 1, 1, at), default);
}

[Collection(AzuriteCollection.Name)]
public sealed class InMemoryOrderStoreConformance(AzuriteFixture azurite) : OrderStoreConformance(azurite, "InMemory");

[Collection(AzuriteCollection.Name)]
public sealed class TableOrderStoreConformance(AzuriteFixture azurite) : OrderStoreConformance(azurite, "TableStorage")
{
    [Theory]
    [InlineData("a/b")]
    [InlineData("a\\b")]
    [InlineData("a#b")]
    [InlineData("a?b")]
    [InlineData("a\nb")]
    public async Task AnIdTableStorageCannotHold_IsRefusedBeforeAnyRequest(string orderId) =>
        await Assert.ThrowsAsync<ArgumentException>(() => Orders.FindAsync(orderId, default).AsTask());

    [Fact]
    public async Task TheLongestResourceId_FitsWithinAnyTenant()
    {
        using var tenant = MessageCaller.Use(MessageCaller.ForService(new string('t', TenantIds.MaxLength), null));
        var id = new string('x', ResourceIdAttribute.MaxLength);

        Assert.True((await Orders.SaveAsync(Order.Create(id, "c1", [new OrderLine("A-1", 1, 1m)], DateTimeOffset.UnixEpoch), default)).IsSuccess);
        Assert.Equal(id, (await Orders.FindAsync(id, default))!.Id);
    }
}
