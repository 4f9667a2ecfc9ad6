using System.Diagnostics;
using ServerlessCqrs.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using ServerlessCqrs.Events;
using ServerlessCqrs.Resilience;

namespace ServerlessCqrs.IntegrationTests.Events;

/// <summary>
/// What every event transport must do, run against each: deliver every event to every handler with
/// its identity and trace context, redeliver transient failures, dead-letter the rest with a reason,
/// replay dead letters once, and never run a handler twice for one event.
/// </summary>
public abstract class EventTransportConformance(AzuriteFixture azurite, string transport, string store) : IAsyncLifetime
{
    private IHost? _host;

    protected IServiceProvider Services => _host!.Services;

    protected ShipmentProbe Probe => Services.GetRequiredService<ShipmentProbe>();

    protected IDeadLetterQueue DeadLetters => Services.GetRequiredService<IDeadLetterQueue>();

    protected Dictionary<string, string?> Settings { get; } = azurite.Settings(store: store, transport: transport);

    public async Task InitializeAsync() => _host = await StartHostAsync();

    public async Task DisposeAsync()
    {
        await _host!.StopAsync();
        _host.Dispose();
    }

    protected static ParcelShipped Parcel(string label = "p") => new() { Label = label, OccurredAt = DateTimeOffset.UtcNow };

    protected Task PublishAsync(params ParcelShipped[] parcels) => Services.GetRequiredService<IEventPublisher>().PublishAsync(parcels).AsTask();

    protected async Task<IReadOnlyList<DeadLetter>> DeadLettersEventuallyAsync(int count)
    {
        await Eventually.HoldsAsync(async () => (await DeadLetters.ListAsync()).Count == count, $"{count} dead letters");
        return await DeadLetters.ListAsync();
    }

    [Fact]
    public async Task EveryEvent_ReachesEveryHandler_Once_InTheProducersTrace()
    {
        using var trace = new SpanCollector();
        var parcels = Enumerable.Range(0, 20).Select(i => Parcel($"p{i}")).ToArray();

        await PublishAsync(parcels);

        await Eventually.HoldsAsync(() => Probe.EventsHandledBy(nameof(LabelPrinter)) == 20 && Probe.EventsHandledBy(nameof(CustomerNotifier)) == 20,
            "every event reached both handlers");
        Assert.Equal(1, Probe.MostSuccessesOfOneEvent);
        // Delivery is at least once: a redelivery (after a slow ledger write, say) adds a span of its own,
        // so the proof is a consumer span for every event, each a child of the producer's span.
        await Eventually.HoldsAsync(() => ConsumedEventIds(trace).Count == 20, "a consumer span per event, in the producer's trace");
        Assert.Equal(parcels.Select(p => p.EventId.ToString()).Order(), ConsumedEventIds(trace).Order());
        Assert.All(trace.Spans.Where(s => s.Kind == ActivityKind.Consumer), s => Assert.Equal(trace.Root.SpanId, s.ParentSpanId));
    }

    private static HashSet<string?> ConsumedEventIds(SpanCollector trace) =>
        [.. trace.Spans.Where(s => s.Kind == ActivityKind.Consumer).Select(s => s.GetTagItem(CqrsDiagnostics.Tags.MessagingMessageId) as string)];

    [Fact]
    public async Task TransientFailure_IsRedelivered_AndOnlyTheFailedHandlerRunsAgain()
    {
        Probe.FailNext(nameof(CustomerNotifier), new TransientException("busy"));
        var parcel = Parcel();

        await PublishAsync(parcel);

        await Eventually.HoldsAsync(() => Probe.SuccessesOf(nameof(CustomerNotifier), parcel.EventId) == 1, "the failed handler succeeded on redelivery");
        Assert.Equal(2, Probe.AttemptsOf(nameof(CustomerNotifier), parcel.EventId));
        Assert.Equal(1, Probe.AttemptsOf(nameof(LabelPrinter), parcel.EventId));
        Assert.Empty(await DeadLetters.ListAsync());
    }

    [Fact]
    public async Task PermanentFailure_IsDeadLetteredWithItsReason_AndReplayHandlesItOnce()
    {
        Probe.FailNext(nameof(CustomerNotifier), new InvalidOperationException("bug"));
        using var trace = new SpanCollector();
        var parcel = Parcel();

        await PublishAsync(parcel);

        var deadLetter = Assert.Single(await DeadLettersEventuallyAsync(1));
        Assert.Equal(parcel.EventId, deadLetter.Envelope.EventId);
        Assert.Equal("ParcelShipped", deadLetter.Envelope.Name);
        Assert.Equal("HandlerFailed", deadLetter.Reason);
        Assert.Equal("System.InvalidOperationException", deadLetter.ExceptionType);
        Assert.Contains("CustomerNotifier failed", deadLetter.Description, StringComparison.Ordinal);
        Assert.NotNull(deadLetter.StackTrace);
        Assert.Contains(trace.Root.TraceId.ToHexString(), deadLetter.Envelope.TraceParent, StringComparison.Ordinal);

        Assert.True(await DeadLetters.ReplayAsync(parcel.EventId));
        await Eventually.HoldsAsync(() => Probe.SuccessesOf(nameof(CustomerNotifier), parcel.EventId) == 1, "the replayed event was handled");
        Assert.Equal(1, Probe.AttemptsOf(nameof(LabelPrinter), parcel.EventId));
        Assert.Empty(await DeadLetters.ListAsync());
        Assert.False(await DeadLetters.ReplayAsync(parcel.EventId));
    }

    [Fact]
    public async Task FailureOnEveryDelivery_EndsAsAttemptsExhausted_AndReplayAllResendsIt()
    {
        Probe.FailNext(nameof(LabelPrinter), new TransientException("1"), new TransientException("2"), new TransientException("3"));
        var parcel = Parcel();

        await PublishAsync(parcel);

        var deadLetter = Assert.Single(await DeadLettersEventuallyAsync(1));
        Assert.Equal("AttemptsExhausted", deadLetter.Reason);
        Assert.Equal(3, Probe.AttemptsOf(nameof(LabelPrinter), parcel.EventId));
        Assert.Equal(3, deadLetter.Attempts);
        Assert.True(deadLetter.FirstFailedAt < deadLetter.DeadLetteredAt, "the first failure is the first delivery's, before the redeliveries");
        Assert.Equal(1, await DeadLetters.ReplayAllAsync());
        await Eventually.HoldsAsync(() => Probe.SuccessesOf(nameof(LabelPrinter), parcel.EventId) == 1, "the replayed event was handled");
        Assert.Equal(1, Probe.SuccessesOf(nameof(CustomerNotifier), parcel.EventId));
    }

    [Fact]
    public async Task DeadLetter_IsFoundByItsId_AndPurgedForGood()
    {
        Probe.FailNext(nameof(CustomerNotifier), new InvalidOperationException("bug"), new InvalidOperationException("bug"));
        var (kept, purged) = (Parcel("kept"), Parcel("purged"));

        await PublishAsync(kept, purged);
        await DeadLettersEventuallyAsync(2);

        var found = await DeadLetters.FindAsync(purged.EventId);
        Assert.Equal((purged.EventId, "HandlerFailed", 1), (found?.Envelope.EventId, found?.Reason, found?.Attempts));
        Assert.Equal(found!.DeadLetteredAt, found.FirstFailedAt);
        Assert.True(await DeadLetters.PurgeAsync(purged.EventId));
        Assert.False(await DeadLetters.PurgeAsync(purged.EventId));
        Assert.Null(await DeadLetters.FindAsync(purged.EventId));
        Assert.Equal([kept.EventId], (await DeadLetters.ListAsync()).Select(d => d.Envelope.EventId));
        Assert.Equal(1, await DeadLetters.PurgeAllAsync());
        Assert.Empty(await DeadLetters.ListAsync());
        Assert.Equal(0, Probe.SuccessesOf(nameof(CustomerNotifier), purged.EventId));
    }

    [Fact]
    public async Task DuplicateDelivery_RunsNoHandlerTwice()
    {
        var parcel = Parcel();
        var envelope = Services.GetRequiredService<EventEnvelopeFactory>().Create(parcel);

        await Services.GetRequiredService<IEventTransport>().SendAsync([envelope, envelope], default);
        await Services.GetRequiredService<IEventTransport>().SendAsync([envelope], default);

        await Eventually.HoldsAsync(() => Probe.AttemptsOf(nameof(LabelPrinter), parcel.EventId) >= 1, "the event was handled");
        await Task.Delay(TimeSpan.FromSeconds(1));
        Assert.Equal(1, Probe.SuccessesOf(nameof(LabelPrinter), parcel.EventId));
        Assert.Equal(1, Probe.SuccessesOf(nameof(CustomerNotifier), parcel.EventId));
    }

    [Fact]
    public async Task UnknownEventName_IsDeadLettered()
    {
        var envelope = new EventEnvelope { EventId = Guid.NewGuid(), Name = "NoSuchEvent", Payload = "{}" };

        await Services.GetRequiredService<IEventTransport>().SendAsync([envelope], default);

        var deadLetter = Assert.Single(await DeadLettersEventuallyAsync(1));
        Assert.Equal("UnknownEventName", deadLetter.Reason);
        Assert.Equal(envelope.EventId, deadLetter.Envelope.EventId);
    }

    [Fact]
    public async Task MalformedPayload_IsDeadLettered()
    {
        var envelope = new EventEnvelope { EventId = Guid.NewGuid(), Name = "ParcelShipped", Payload = "{\"label\": 42" };

        await Services.GetRequiredService<IEventTransport>().SendAsync([envelope], default);

        var deadLetter = Assert.Single(await DeadLettersEventuallyAsync(1));
        Assert.Equal("MalformedPayload", deadLetter.Reason);
        Assert.Equal(envelope.Payload, deadLetter.Envelope.Payload);
    }

    [Fact]
    public async Task FaultMatrix_EveryEventIsHandledOrDeadLettered_NoneLost_NoneAppliedTwice()
    {
        Probe.FailNext(nameof(LabelPrinter), new TransientException("busy"), new InvalidOperationException("bug"), new TransientException("busy"));
        var parcels = Enumerable.Range(0, 20).Select(i => Parcel($"p{i}")).ToArray();
        EventEnvelope[] poison =
        [
            new() { EventId = Guid.NewGuid(), Name = "NoSuchEvent", Payload = "{}" },
            new() { EventId = Guid.NewGuid(), Name = "ParcelShipped", Payload = "[" },
        ];
        var envelopes = Services.GetRequiredService<EventEnvelopeFactory>().CreateAll(parcels);
        var transport = Services.GetRequiredService<IEventTransport>();

        await transport.SendAsync([.. envelopes, .. poison], default);
        await transport.SendAsync(envelopes.Take(5).ToArray(), default); // duplicates

        bool Handled(Guid id) => Probe.SuccessesOf(nameof(LabelPrinter), id) == 1 && Probe.SuccessesOf(nameof(CustomerNotifier), id) == 1;
        var sent = parcels.Select(p => p.EventId).Concat(poison.Select(p => p.EventId)).ToHashSet();
        await Eventually.HoldsAsync(async () =>
        {
            var deadLettered = (await DeadLetters.ListAsync()).Select(d => d.Envelope.EventId).ToHashSet();
            // A duplicate of a dead-lettered event may still succeed later: handled and dead-lettered both.
            return sent.All(id => Handled(id) || deadLettered.Contains(id));
        }, "every event is handled by both handlers or dead-lettered");

        var deadLetters = await DeadLetters.ListAsync();
        Assert.Equal(3, deadLetters.Count);
        Assert.Equal(["HandlerFailed", "MalformedPayload", "UnknownEventName"], deadLetters.Select(d => d.Reason).Order());
        Assert.Equal(1, Probe.MostSuccessesOfOneEvent);
    }

    private async Task<IHost> StartHostAsync() =>
        await CqrsTestHost.StartAsync((services, cqrs) =>
        {
            services.AddSingleton<ShipmentProbe>();
            cqrs.AddHandler<LabelPrinter>().AddHandler<CustomerNotifier>()
                .AddAzureAdapters(new ConfigurationBuilder().AddInMemoryCollection(Settings).Build());
        }, Settings);
}

[Collection(AzuriteCollection.Name)]
public sealed class InProcessTransportConformance(AzuriteFixture azurite) : EventTransportConformance(azurite, "InProcess", store: "InMemory");

/// <summary>The Storage Queue with the outbox and the handler ledger in Table Storage: the whole durable path.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class StorageQueueTransportConformance(AzuriteFixture azurite) : EventTransportConformance(azurite, "StorageQueue", store: "TableStorage");
