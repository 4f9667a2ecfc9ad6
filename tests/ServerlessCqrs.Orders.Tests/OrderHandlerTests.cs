using ServerlessCqrs.Events;
using ServerlessCqrs.Orders.Domain;
using ServerlessCqrs.Orders.Storage;
using ServerlessCqrs.Outbox;

namespace ServerlessCqrs.Orders.Tests;

public sealed class OrderHandlerTests
{
    [Fact]
    public async Task CreateThenGet_ReturnsTheOrder()
    {
        using var services = OrdersKernel.Build();
        var bus = services.Bus();

        var created = await bus.SendAsync(OrdersKernel.SampleOrder());
        var order = (await bus.QueryAsync(new GetOrder { OrderId = created.Value.OrderId })).Value;

        Assert.Equal(created.Value.OrderId, order.OrderId);
        Assert.Equal(("c1", OrderStatus.Created, 19.0m, 1L), (order.CustomerId, order.Status, order.Total, order.Version));
        Assert.Equal([new OrderLine("A-1", 2, 9.5m)], order.Lines);
    }

    [Fact]
    public async Task ConfirmThenCancel_Conflicts_AndLeavesTheOrderConfirmed()
    {
        using var services = OrdersKernel.Build();
        var bus = services.Bus();
        var id = (await bus.SendAsync(OrdersKernel.SampleOrder())).Value.OrderId;

        Assert.True((await bus.SendAsync(new ConfirmOrder { OrderId = id })).IsSuccess);
        var cancel = await bus.SendAsync(new CancelOrder { OrderId = id, Reason = "too late" });

        Assert.Equal("order_confirmed", cancel.Error?.Code);
        Assert.Equal(OrderStatus.Confirmed, (await bus.QueryAsync(new GetOrder { OrderId = id })).Value.Status);
    }

    [Fact]
    public async Task CancelThenConfirm_Conflicts()
    {
        using var services = OrdersKernel.Build();
        var bus = services.Bus();
        var id = (await bus.SendAsync(OrdersKernel.SampleOrder())).Value.OrderId;

        await bus.SendAsync(new CancelOrder { OrderId = id, Reason = "changed my mind" });

        Assert.Equal("order_cancelled", (await bus.SendAsync(new ConfirmOrder { OrderId = id })).Error?.Code);
    }

    [Fact]
    public async Task UnknownOrder_IsNotFound_ForEveryMessage()
    {
        using var services = OrdersKernel.Build();
        var bus = services.Bus();

        Assert.Equal("order_not_found", (await bus.QueryAsync(new GetOrder { OrderId = "nope" })).Error?.Code);
        Assert.Equal("order_not_found", (await bus.SendAsync(new ConfirmOrder { OrderId = "nope" })).Error?.Code);
        Assert.Equal("order_not_found", (await bus.SendAsync(new CancelOrder { OrderId = "nope", Reason = "x" })).Error?.Code);
    }

    public static TheoryData<CreateOrder, string> InvalidOrders => new()
    {
        { OrdersKernel.SampleOrder() with { CustomerId = "" }, "customerId" },
        { OrdersKernel.SampleOrder() with { CustomerId = new string('c', 65) }, "customerId" },
        { OrdersKernel.SampleOrder() with { Lines = [] }, "lines" },
        { OrdersKernel.SampleOrder() with { Lines = [new CreateOrderLine { Sku = "A", Quantity = 0, UnitPrice = 1 }] }, "lines[0].quantity" },
        { OrdersKernel.SampleOrder() with { Lines = [new CreateOrderLine { Sku = "A", Quantity = 1001, UnitPrice = 1 }] }, "lines[0].quantity" },
        { OrdersKernel.SampleOrder() with { Lines = [new CreateOrderLine { Sku = "A", Quantity = 1, UnitPrice = -0.01m }] }, "lines[0].unitPrice" },
        { OrdersKernel.SampleOrder() with { Lines = [new CreateOrderLine { Sku = "", Quantity = 1, UnitPrice = 1 }] }, "lines[0].sku" },
    };

    [Theory]
    [MemberData(nameof(InvalidOrders))]
    public async Task InvalidCreateOrder_IsRejectedNamingTheField(CreateOrder command, string field)
    {
        using var services = OrdersKernel.Build();

        var result = await services.Bus().SendAsync(command);

        Assert.Equal(ErrorKind.Validation, result.Error?.Kind);
        Assert.Equal([field], result.Error!.Fields.Keys);
    }

    [Fact]
    public async Task BoundaryValues_AreAccepted()
    {
        using var services = OrdersKernel.Build();

        var result = await services.Bus().SendAsync(new CreateOrder
        {
            CustomerId = new string('c', 64),
            Lines = [new CreateOrderLine { Sku = "A", Quantity = 1000, UnitPrice = 0 }, new CreateOrderLine { Sku = "B", Quantity = 1, UnitPrice = 1 }],
        });

        Assert.True(result.IsSuccess);
    }

    [Fact]
    public async Task ConcurrentWriter_IsRetried_AndTheCommandSucceedsOnFreshState()
    {
        var racing = new RacingOrderStore();
        using var services = OrdersKernel.Build(s => s.AddSingleton<IOrderStore>(sp => racing.Wrap(
            ActivatorUtilities.CreateInstance<OrderStore>(sp))));
        var bus = services.Bus();
        var id = (await bus.SendAsync(OrdersKernel.SampleOrder())).Value.OrderId;
        racing.CancelBeforeNextSave = true;

        var confirm = await bus.SendAsync(new ConfirmOrder { OrderId = id });

        // The racing cancel won; the retried confirm sees it and conflicts instead of overwriting it.
        Assert.Equal("order_cancelled", confirm.Error?.Code);
        Assert.Equal(OrderStatus.Cancelled, (await bus.QueryAsync(new GetOrder { OrderId = id })).Value.Status);
    }

    [Fact]
    public async Task StaleChange_IsAConcurrencyError()
    {
        using var services = OrdersKernel.Build();
        var store = services.GetRequiredService<IOrderStore>();
        var change = Order.Create("o1", "c1", [new OrderLine("A", 1, 1)], DateTimeOffset.UnixEpoch);
        await store.SaveAsync(change, default);

        var again = await store.SaveAsync(change, default);

        Assert.Equal(ErrorKind.Concurrency, again.Error?.Kind);
    }

    [Fact]
    public async Task FailedRelay_KeepsTheEventInTheOutbox_AndTheOrderSaved()
    {
        using var services = OrdersKernel.Build(s => s.AddSingleton<IEventTransport, UnreachableTransport>());
        var bus = services.Bus();

        var created = await bus.SendAsync(OrdersKernel.SampleOrder());

        Assert.True(created.IsSuccess);
        Assert.Equal(1, services.GetRequiredService<InMemoryOutbox>().PendingCount);
        Assert.True((await bus.QueryAsync(new GetOrder { OrderId = created.Value.OrderId })).IsSuccess);
    }

    private sealed class UnreachableTransport : IEventTransport
    {
        public MessagingEndpoint Endpoint { get; } = new("test", "events");

        public ValueTask SendAsync(IReadOnlyList<EventEnvelope> envelopes, CancellationToken cancellationToken) =>
            throw new HttpRequestException("The broker is unreachable.");
    }

    /// <summary>Lets another writer cancel the order between a handler's read and its save.</summary>
    private sealed class RacingOrderStore
    {
        public bool CancelBeforeNextSave { get; set; }

        public IOrderStore Wrap(IOrderStore inner) => new Store(this, inner);

        private sealed class Store(RacingOrderStore race, IOrderStore inner) : IOrderStore
        {
            public ValueTask<Order?> FindAsync(string orderId, CancellationToken cancellationToken) => inner.FindAsync(orderId, cancellationToken);

            public async ValueTask<Result> SaveAsync(OrderChange change, CancellationToken cancellationToken)
            {
                if (race.CancelBeforeNextSave)
                {
                    race.CancelBeforeNextSave = false;
                    var current = (await inner.FindAsync(change.Order.Id, cancellationToken))!;
                    await inner.SaveAsync(current.Cancel("racing writer", DateTimeOffset.UnixEpoch).Value!, cancellationToken);
                }

                return await inner.SaveAsync(change, cancellationToken);
            }
        }
    }
}
