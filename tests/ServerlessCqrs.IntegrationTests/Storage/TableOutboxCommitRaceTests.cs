using Azure.Core;
using Azure.Data.Tables;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using ServerlessCqrs.Azure.Tables;
using ServerlessCqrs.Events;
using ServerlessCqrs.Orders;
using ServerlessCqrs.Orders.Domain;
using ServerlessCqrs.Orders.Storage;
using ServerlessCqrs.Outbox;

namespace ServerlessCqrs.IntegrationTests.Storage;

/// <summary>
/// A sweep that runs while a state change is on its way to Table Storage — its event already in the outbox
/// index, its transaction not yet committed — must not lose that event: if the relay after the commit never
/// sends it (the instance dies), a later sweep does.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class TableOutboxCommitRaceTests(AzuriteFixture azurite)
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 24, 12, 0, 0, TimeSpan.Zero));
    private readonly TransactionGate _gate = new();
    private readonly RecordingTransport _transport = new() { Failing = true };

    [Fact]
    public async Task ASweepDuringACommit_LeavesItsEventForALaterSweep()
    {
        using var services = Kernel(gated: true);
        var relay = services.GetRequiredService<IOutboxRelay>();
        var created = NewOrder();

        var commit = services.GetRequiredService<IOrderStore>().SaveAsync(created, default).AsTask();
        await Eventually.HoldsAsync(() => _gate.Held == 1, "the order's transaction waits at the gate, its event indexed");
        _clock.Advance(TimeSpan.FromMinutes(1));
        var sweptDuringCommit = await relay.SweepAsync(default);
        _gate.Open();
        Assert.True((await commit).IsSuccess);
        _transport.Failing = false;
        var sweptAfter = await relay.SweepAsync(default);

        Assert.Equal((0, 1), (sweptDuringCommit, sweptAfter));
        Assert.Equal([created.Event.EventId], _transport.Sent.Select(e => e.EventId));
    }

    [Fact]
    public async Task TheEntryOfAChangeThatLostToAnotherWriter_IsDroppedByTheNextSweep()
    {
        using var services = Kernel(gated: false);
        var orders = services.GetRequiredService<IOrderStore>();
        var id = Guid.NewGuid().ToString("N");
        var winner = NewOrder(id);
        var loser = NewOrder(id);

        Assert.True((await orders.SaveAsync(winner, default)).IsSuccess);
        Assert.False((await orders.SaveAsync(loser, default)).IsSuccess);
        _clock.Advance(TimeSpan.FromMinutes(1));
        _transport.Failing = false;
        var swept = await services.GetRequiredService<IOutboxRelay>().SweepAsync(default);

        Assert.Equal(1, swept);
        Assert.Empty(await IndexEntriesAsync(services));
    }

    private ServiceProvider Kernel(bool gated)
    {
        var settings = azurite.Settings(store: "TableStorage", transport: "InProcess");
        settings["Cqrs:Outbox:PendingAge"] = "00:00:01";
        var options = new TableClientOptions();
        if (gated)
        {
            options.AddPolicy(_gate, HttpPipelinePosition.PerCall);
        }

        return CqrsTestHost.Build((services, cqrs) =>
        {
            cqrs.AddOrders().AddAzureAdapters(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());
            services.Replace(ServiceDescriptor.Singleton(new TableServiceClient(azurite.Server.ConnectionString, options)));
            services.Replace(ServiceDescriptor.Singleton<TimeProvider>(_clock));
            services.Replace(ServiceDescriptor.Singleton<IEventTransport>(_transport));
        }, settings: settings);
    }

    private OrderChange NewOrder(string? id = null) =>
        Order.Create(id ?? Guid.NewGuid().ToString("N"), "c1", [new OrderLine("A-1", 1, 1m)], _clock.GetUtcNow());

    private static async Task<List<TableEntity>> IndexEntriesAsync(IServiceProvider services)
    {
        var outbox = await services.GetRequiredService<CqrsTables>().GetAsync(services.GetRequiredService<IOptions<TableStorageOptions>>().Value.OutboxTable, default);
        return await outbox.QueryAsync<TableEntity>(e => e.PartitionKey.CompareTo("pending-") > 0 && e.PartitionKey.CompareTo("pending.") < 0).ToListAsync();
    }
}
