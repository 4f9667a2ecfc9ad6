using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;
using ServerlessCqrs.Core.Tests.Fixtures;
using ServerlessCqrs.Events;
using ServerlessCqrs.Resilience;

namespace ServerlessCqrs.Core.Tests.Events;

public sealed class FailurePolicyTests
{
    /// <summary>The kernel's own defaults, over the test kernel's fast redeliveries.</summary>
    private static Dictionary<string, string?> WithDefaults(Dictionary<string, string?>? settings)
    {
        Dictionary<string, string?> all = new()
        {
            ["Cqrs:Events:Redelivery:Default:BaseDelay"] = "00:00:01",
            ["Cqrs:Events:Redelivery:Default:MaxDelay"] = "00:05:00",
        };
        foreach (var (key, value) in settings ?? [])
        {
            all[key] = value;
        }

        return all;
    }

    private static FailurePolicies Policies(Dictionary<string, string?>? settings = null) =>
        TestKernel.Build(TestKernel.AllHandlers, settings: WithDefaults(settings)).GetRequiredService<FailurePolicies>();

    private static EventEnvelope Delivery(int attempt) => new() { EventId = Guid.NewGuid(), Name = "SomethingHappened", Payload = "{}", DeliveryAttempt = attempt };

    private static DeliveryFailure Failed(Exception error) => new(FailureKind.HandlerFailed, error);

    [Fact]
    public void TransientFailures_AreRetriedAfterADoublingDelay_ThenDeadLetteredWhenAttemptsRunOut()
    {
        var policy = Policies(new() { ["Cqrs:Events:Redelivery:Default:UseJitter"] = "false" }).For("SomethingHappened");

        var decisions = Enumerable.Range(1, 5).Select(attempt => policy.Decide(Delivery(attempt), "failed", Failed(new TransientException("busy")))).ToList();

        Assert.Equal(
            [TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(4), TimeSpan.FromSeconds(8)],
            decisions.Take(4).Select(d => (d.Action, d.RetryAfter)).Select(d => d.Action == DispatchAction.Retry ? d.RetryAfter : TimeSpan.MinValue));
        Assert.Equal(DeadLetterReason.AttemptsExhausted, decisions[4].Reason);
    }

    [Fact]
    public void Jitter_SpreadsEachDelayOverItsSecondHalf_AndTheCapHolds()
    {
        var policy = Policies(new() { ["Cqrs:Events:Redelivery:Default:MaxDelay"] = "00:00:03" }).For("SomethingHappened");

        var delays = Enumerable.Range(0, 200).Select(_ => policy.DelayBefore(4)).ToList();

        Assert.All(delays, d => Assert.InRange(d, TimeSpan.FromSeconds(1.5), TimeSpan.FromSeconds(3)));
        Assert.True(delays.Distinct().Count() > 1, "the delays vary");
    }

    [Fact]
    public void ErrorsThatAreNotTransient_AreDeadLetteredAtOnce()
    {
        var decision = Policies().For("SomethingHappened").Decide(Delivery(1), "bug", Failed(new InvalidOperationException("bug")));

        Assert.Equal((DispatchAction.DeadLetter, DeadLetterReason.HandlerFailed), (decision.Action, decision.Reason));
    }

    [Fact]
    public void AHeldHandler_AndAFailedDispatch_AreRetried()
    {
        var policy = Policies().For("SomethingHappened");

        Assert.Equal(DispatchAction.Retry, policy.Decide(Delivery(1), "held", new DeliveryFailure(FailureKind.HandlerBusy, null)).Action);
        Assert.Equal(DispatchAction.Retry, policy.Decide(Delivery(1), "ledger down", new DeliveryFailure(FailureKind.DispatchFailed, new IOException("down"))).Action);
    }

    [Fact]
    public void AHeldHandler_IsRetriedNoSoonerThanTheOtherClaimLapses()
    {
        var policy = Policies(new() { ["Cqrs:Events:Redelivery:Default:UseJitter"] = "false" }).For("SomethingHappened");

        var held = policy.Decide(Delivery(1), "held", new DeliveryFailure(FailureKind.HandlerBusy, null, TimeSpan.FromSeconds(45)));
        var briefly = policy.Decide(Delivery(1), "held", new DeliveryFailure(FailureKind.HandlerBusy, null, TimeSpan.FromMilliseconds(10)));

        Assert.Equal((TimeSpan.FromSeconds(45), TimeSpan.FromSeconds(1)), (held.RetryAfter, briefly.RetryAfter));
    }

    [Fact]
    public void ConfiguredExceptions_OverrideTheTransientRule_DeadLetterFirst()
    {
        var policy = Policies(new()
        {
            ["Cqrs:Events:Redelivery:RetryOn:0"] = "System.IO.IOException",
            ["Cqrs:Events:Redelivery:DeadLetterOn:0"] = "TransientException",
        }).For("SomethingHappened");

        Assert.Equal(DispatchAction.Retry, policy.Decide(Delivery(1), "io", Failed(new FileNotFoundException("derives from IOException"))).Action);
        Assert.Equal(DispatchAction.DeadLetter, policy.Decide(Delivery(1), "no", Failed(new TransientException("busy"))).Action);
    }

    [Fact]
    public void OneEventType_CanBeSpacedAndCountedOnItsOwn()
    {
        var policies = Policies(new()
        {
            ["Cqrs:Events:MaxDeliveryAttempts"] = "5",
            ["Cqrs:Events:Redelivery:Default:UseJitter"] = "false",
            ["Cqrs:Events:Redelivery:Events:SomethingHappened:BaseDelay"] = "00:00:30",
            ["Cqrs:Events:Redelivery:Events:SomethingHappened:MaxDeliveryAttempts"] = "8",
        });

        var own = policies.For("SomethingHappened");
        var other = policies.For("NobodyCares");

        Assert.Equal((TimeSpan.FromSeconds(30), 8), (own.DelayBefore(2), own.MaxDeliveryAttempts));
        Assert.Equal((TimeSpan.FromSeconds(1), 5), (other.DelayBefore(2), other.MaxDeliveryAttempts));
    }

    [Fact]
    public void ThePolicy_ReadsAsText_AndIsLoggedOnceAtStart()
    {
        var text = Policies(new() { ["Cqrs:Events:MaxDeliveryAttempts"] = "4" }).For("SomethingHappened").ToString();

        Assert.Equal(
            "SomethingHappened: transient errors: retry; a handler running in another delivery: retry; the dispatch itself failing (ledger unreachable): retry; " +
            "any other error: dead-letter at once. Retries: redelivered after 1 s, 2 s, 4 s (up to 5 min, with jitter), 4 deliveries in all, then dead-lettered.",
            text);
    }

    [Fact]
    public async Task EveryEventTypeWithHandlers_HasItsPolicyLogged_WhenTheHostStarts()
    {
        using var host = await TestKernel.StartHostAsync(TestKernel.AllHandlers);

        var logged = host.Services.GetFakeLogCollector().GetSnapshot().Where(r => r.Id.Name == "EventFailurePolicy").Select(r => r.Message).ToList();

        Assert.Single(logged, m => m.StartsWith("Failure policy of SomethingHappened:", StringComparison.Ordinal));
        Assert.DoesNotContain(logged, m => m.Contains("NobodyCares", StringComparison.Ordinal));
        await host.StopAsync();
    }

    [Theory]
    [InlineData("Cqrs:Events:Redelivery:Default:MaxDelay", "8.00:00:00", "Cqrs:Events:Redelivery:Default:MaxDelay must be between 0 and 7 days")]
    [InlineData("Cqrs:Events:Redelivery:Events:SomethingHappened:MaxDeliveryAttempts", "0", "Cqrs:Events:Redelivery:Events:SomethingHappened:MaxDeliveryAttempts must be between 1 and 100")]
    public async Task BadSettings_StopTheStart_NamingThem(string key, string value, string message)
    {
        var failure = await Assert.ThrowsAsync<Microsoft.Extensions.Options.OptionsValidationException>(() =>
            TestKernel.StartHostAsync(TestKernel.AllHandlers, new Dictionary<string, string?> { [key] = value }));

        Assert.StartsWith(message, Assert.Single(failure.Failures), StringComparison.Ordinal);
    }

    [Fact]
    public async Task InProcess_ARetriedEvent_WaitsForItsDelay()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UnixEpoch);
        var runs = new RunTimes();
        using var host = await TestKernel.StartHostAsync(builder =>
        {
            builder.AddHandler<FailsOnceHandler>();
            builder.Services.AddSingleton(runs);
            builder.Services.Replace(ServiceDescriptor.Singleton<TimeProvider>(clock));
        }, WithDefaults(new()
        {
            ["Cqrs:Resilience:Default:MaxRetryAttempts"] = "0",
            ["Cqrs:Events:Redelivery:Default:BaseDelay"] = "00:01:00",
            ["Cqrs:Events:Redelivery:Default:UseJitter"] = "false",
        }));

        await host.Services.GetRequiredService<IEventPublisher>().PublishAsync([new Ticked { OccurredAt = clock.GetUtcNow() }]);
        await Eventually.HoldsAsync(() => runs.Count == 1, "the first delivery failed");
        // Move the clock a second at a time until the redelivery runs; when it runs is read off the clock.
        for (var step = 0; step < 300 && runs.Count < 2; step++)
        {
            clock.Advance(TimeSpan.FromSeconds(1));
            for (var look = 0; look < 5 && runs.Count < 2; look++)
            {
                await Task.Delay(5);
            }
        }

        Assert.Equal(2, runs.Count);
        Assert.True(runs[1] - runs[0] >= TimeSpan.FromMinutes(1), $"redelivered after {runs[1] - runs[0]}");
        await host.StopAsync();
    }

    public sealed record Ticked : Event;

    public sealed class RunTimes
    {
        private readonly List<DateTimeOffset> _times = [];

        public int Count
        {
            get
            {
                lock (_times)
                {
                    return _times.Count;
                }
            }
        }

        public DateTimeOffset this[int index]
        {
            get
            {
                lock (_times)
                {
                    return _times[index];
                }
            }
        }

        public int Add(DateTimeOffset at)
        {
            lock (_times)
            {
                _times.Add(at);
                return _times.Count;
            }
        }
    }

    /// <summary>Notes when it runs; its first run fails transiently.</summary>
    public sealed class FailsOnceHandler(RunTimes runs, TimeProvider clock) : IEventHandler<Ticked>
    {
        public ValueTask HandleAsync(Ticked @event, CancellationToken cancellationToken) =>
            runs.Add(clock.GetUtcNow()) == 1 ? throw new TransientException("first run") : ValueTask.CompletedTask;
    }
}
