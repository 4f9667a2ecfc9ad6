using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;
using ServerlessCqrs.Events;

namespace ServerlessCqrs.IntegrationTests.Events;

/// <summary>
/// Two instances of the app (two service providers) on one Azurite: a duplicate delivery or a replay
/// can land on either, at the same moment, or after the other died holding a claim.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class TwoInstancesTests(AzuriteFixture azurite)
{
    private static readonly MessagingEndpoint Source = new("test", "events");

    private readonly Dictionary<string, string?> _settings = WithLease(azurite.Settings(store: "TableStorage", transport: "InProcess"));

    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 24, 12, 0, 0, TimeSpan.Zero));

    private static Dictionary<string, string?> WithLease(Dictionary<string, string?> settings)
    {
        settings["Cqrs:Events:HandlerLease"] = "00:01:00";
        return settings;
    }

    private ServiceProvider Instance(ReceiptGate gate) => CqrsTestHost.Build((services, cqrs) =>
    {
        services.AddSingleton(gate);
        services.Replace(ServiceDescriptor.Singleton<TimeProvider>(_clock));
        cqrs.AddHandler<GatedReceipt>().AddAzureAdapters(new ConfigurationBuilder().AddInMemoryCollection(_settings).Build());
    }, settings: _settings);

    private static ValueTask<DispatchDecision> DispatchAsync(ServiceProvider instance, EventEnvelope envelope) =>
        instance.GetRequiredService<EventDispatcher>().DispatchAsync(envelope, Source, CancellationToken.None);

    [Fact]
    public async Task TheSameEvent_OnBothAtOnce_RunsItsHandlerOnce()
    {
        var gate = new ReceiptGate();
        using var first = Instance(gate);
        using var second = Instance(gate);
        var envelope = first.GetRequiredService<EventEnvelopeFactory>().Create(new ParcelShipped { Label = "twice", OccurredAt = _clock.GetUtcNow() });

        var onFirst = DispatchAsync(first, envelope).AsTask();
        await Eventually.HoldsAsync(() => gate.Runs == 1, "the first instance is running the handler");
        var onSecond = await DispatchAsync(second, envelope);
        gate.Open();
        var firstDecision = await onFirst;
        var redelivered = await DispatchAsync(second, envelope with { DeliveryAttempt = 2 });

        Assert.Equal(
            (DispatchAction.Complete, DispatchAction.Retry, DispatchAction.Complete),
            (firstDecision.Action, onSecond.Action, redelivered.Action));
        Assert.Equal(1, gate.Runs);
        // The duplicate comes back once the first instance's claim would have lapsed, not sooner.
        Assert.True(onSecond.RetryAfter >= TimeSpan.FromMinutes(1), $"retry after {onSecond.RetryAfter}");
    }

    [Fact]
    public async Task AClaimLeftByADeadInstance_IsTakenOverAfterItsLease()
    {
        var gate = new ReceiptGate();
        gate.Open();
        EventEnvelope envelope;
        using (var dead = Instance(gate))
        {
            envelope = dead.GetRequiredService<EventEnvelopeFactory>().Create(new ParcelShipped { Label = "orphaned", OccurredAt = _clock.GetUtcNow() });
            // It claimed the handler and died before running it: no success, no release.
            await dead.GetRequiredService<IEventHandlerLedger>().TryClaimAsync(envelope.EventId, nameof(GatedReceipt), default);
        }

        using var survivor = Instance(gate);
        _clock.Advance(TimeSpan.FromSeconds(30));
        var withinLease = await DispatchAsync(survivor, envelope);
        _clock.Advance(TimeSpan.FromSeconds(31));
        var afterLease = await DispatchAsync(survivor, envelope with { DeliveryAttempt = 2 });

        Assert.Equal((DispatchAction.Retry, DispatchAction.Complete), (withinLease.Action, afterLease.Action));
        Assert.Equal(1, gate.Runs);
    }

    /// <summary>Counts runs of <see cref="GatedReceipt"/> across instances and holds them until opened.</summary>
    public sealed class ReceiptGate
    {
        private readonly TaskCompletionSource _open = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _runs;

        public int Runs => Volatile.Read(ref _runs);

        public void Open() => _open.TrySetResult();

        public async Task EnterAsync()
        {
            Interlocked.Increment(ref _runs);
#pragma warning disable VSTHRD003 // The gate's own task: opened by the test, not tied to a context.
            await _open.Task;
#pragma warning restore VSTHRD003
        }
    }

    public sealed class GatedReceipt(ReceiptGate gate) : IEventHandler<ParcelShipped>
    {
        public async ValueTask HandleAsync(ParcelShipped @event, CancellationToken cancellationToken) => await gate.EnterAsync();
    }
}
