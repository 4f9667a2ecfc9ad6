using Azure.Core;
using Azure.Data.Tables;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using ServerlessCqrs.Azure.Tables;
using ServerlessCqrs.Events;
using ServerlessCqrs.Outbox;

namespace ServerlessCqrs.IntegrationTests.Storage;

/// <summary>
/// What every outbox must do, in memory and in Table Storage on Azurite: hand pending events to the
/// sweep oldest first, and park an event no transport can carry without holding back the others.
/// </summary>
public abstract class OutboxConformance : StoreConformance
{
    protected OutboxConformance(AzuriteFixture azurite, string store)
        : this(azurite, store, new RecordingTransport { Failing = true })
    {
    }

    private OutboxConformance(AzuriteFixture azurite, string store, RecordingTransport transport)
        : base(azurite, store, new Dictionary<string, string?> { ["Cqrs:Outbox:PendingAge"] = "00:00:30" },
            (services, _) => services.Replace(ServiceDescriptor.Singleton<IEventTransport>(transport))) => Transport = transport;

    protected RecordingTransport Transport { get; }

    protected IOutboxStore Outbox => Services.GetRequiredService<IOutboxStore>();

    protected IOutboxRelay Relay => Services.GetRequiredService<IOutboxRelay>();

    /// <summary>Records an event now (as a publish whose relay failed), then lets a second pass.</summary>
    protected async Task<EventEnvelope> RecordAsync(string payload = """{"label":"x"}""")
    {
        var envelope = new EventEnvelope { EventId = Guid.NewGuid(), Name = "ParcelShipped", Payload = payload, OccurredAt = Clock.GetUtcNow() };
        await Outbox.AppendAsync([envelope], default);
        Clock.Advance(TimeSpan.FromSeconds(1));
        return envelope;
    }

    [Fact]
    public async Task Pending_ComesOldestFirst_OnceOldEnough()
    {
        var recorded = new List<EventEnvelope>();
        for (var i = 0; i < 5; i++)
        {
            recorded.Add(await RecordAsync());
        }

        var tooYoung = await Outbox.GetPendingAsync(Clock.GetUtcNow() - TimeSpan.FromSeconds(30), 10, default);
        Clock.Advance(TimeSpan.FromSeconds(30));
        var pending = await Outbox.GetPendingAsync(Clock.GetUtcNow() - TimeSpan.FromSeconds(30), 3, default);

        Assert.Empty(tooYoung);
        Assert.Equal(recorded.Take(3).Select(e => e.EventId), pending.Select(e => e.EventId));
    }

    [Fact]
    public async Task AnEventNoTransportCanCarry_IsParkedWithItsReason_AndTheOthersGo()
    {
        var first = await RecordAsync();
        var huge = await RecordAsync("\"" + new string('x', 70_000) + "\"");
        var last = await RecordAsync();
        Transport.Failing = false;
        Transport.MaxPayloadLength = 60_000;
        Clock.Advance(TimeSpan.FromMinutes(1));

        await Relay.SweepAsync(default);

        Assert.Equal(new[] { first.EventId, last.EventId }.Order(), Transport.Sent.Select(e => e.EventId).Order());
        var parked = Assert.Single(await Outbox.ListParkedAsync(10, default));
        Assert.Equal((huge.EventId, huge.Payload, "Unsendable"), (parked.Envelope.EventId, parked.Envelope.Payload, parked.Reason));
        Assert.Contains("more than a message holds", parked.Description, StringComparison.Ordinal);
        Assert.Empty(await Outbox.GetPendingAsync(DateTimeOffset.MaxValue, 10, default));
    }

    [Fact]
    public async Task AFailedSend_LeavesTheEventsPending()
    {
        var envelope = await RecordAsync();

        await Relay.RelayAsync([envelope], default);
        Clock.Advance(TimeSpan.FromMinutes(1));

        Assert.Equal([envelope.EventId], (await Outbox.GetPendingAsync(Clock.GetUtcNow(), 10, default)).Select(e => e.EventId));
        Assert.Empty(await Outbox.ListParkedAsync(10, default));
    }
}

[Collection(AzuriteCollection.Name)]
public sealed class InMemoryOutboxConformance(AzuriteFixture azurite) : OutboxConformance(azurite, "InMemory");

[Collection(AzuriteCollection.Name)]
public sealed class TableOutboxConformance(AzuriteFixture azurite) : OutboxConformance(azurite, "TableStorage");

/// <summary>A sweep's cost follows what is pending, not what is stored.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class TableOutboxSweepCostTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task Sweep_AmongTenThousandStoredOrders_ReadsOnlyThePendingEvents()
    {
        var settings = azurite.Settings(store: "TableStorage", transport: "InProcess");
        settings["Cqrs:Outbox:PendingAge"] = "00:00:01";
        var rows = new RowCountingPolicy();
        var options = new TableClientOptions();
        options.AddPolicy(rows, HttpPipelinePosition.PerRetry);
        var transport = new RecordingTransport { Failing = true };
        using var services = CqrsTestHost.Build((services, cqrs) =>
        {
            cqrs.AddAzureAdapters(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());
            services.Replace(ServiceDescriptor.Singleton(new TableServiceClient(azurite.Server.ConnectionString, options)));
            services.Replace(ServiceDescriptor.Singleton<IEventTransport>(transport));
        }, settings: settings);
        var state = await services.GetRequiredService<CqrsTables>().GetAsync(settings["Cqrs:TableStorage:StateTable"]!, default);
        for (var partition = 0; partition < 100; partition++)
        {
            await state.SubmitTransactionAsync(Enumerable.Range(0, 100).Select(row => new TableTransactionAction(
                TableTransactionActionType.Add, new TableEntity($"order-{partition}", $"state-{row}") { ["Status"] = "Confirmed" })));
        }

        var outbox = services.GetRequiredService<IOutboxStore>();
        var pending = Enumerable.Range(0, 3).Select(_ => new EventEnvelope
        {
            EventId = Guid.NewGuid(), Name = "ParcelShipped", Payload = "{}", OccurredAt = DateTimeOffset.UtcNow.AddMinutes(-1), StreamId = "order-7",
        }).ToList();
        await outbox.AppendAsync(pending, default);
        transport.Failing = false;
        rows.Reset();

        var swept = await services.GetRequiredService<IOutboxRelay>().SweepAsync(default);

        Assert.Equal(3, swept);
        Assert.Equal(pending.Select(e => e.EventId).Order(), transport.Sent.Select(e => e.EventId).Order());
        // Three index entries and three outbox rows: nothing of the 10,000 stored rows.
        Assert.Equal(6, rows.Rows);
    }
}
