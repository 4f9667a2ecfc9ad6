using ServerlessCqrs.Core.Tests.Fixtures;
using ServerlessCqrs.Events;
using ServerlessCqrs.Resilience;

namespace ServerlessCqrs.Core.Tests.Events;

public sealed class InProcessTransportTests
{
    private static readonly Dictionary<string, string?> Settings = new()
    {
        ["Cqrs:Events:MaxDeliveryAttempts"] = "3",
        ["Cqrs:Events:Redelivery:Default:BaseDelay"] = "00:00:00.010",
        ["Cqrs:Events:Redelivery:Default:MaxDelay"] = "00:00:00.100",
        ["Cqrs:Resilience:Default:MaxRetryAttempts"] = "0",
    };

    private static SomethingHappened Happened() => new() { What = "it", OccurredAt = DateTimeOffset.UnixEpoch };

    [Fact]
    public async Task PublishedEvent_ReachesEveryHandler()
    {
        using var host = await TestKernel.StartHostAsync(TestKernel.AllHandlers, Settings);
        var probe = host.Services.GetRequiredService<Probe>();

        await host.Services.GetRequiredService<IEventPublisher>().PublishAsync([Happened()]);

        await Eventually.HoldsAsync(() => probe.Calls.Count == 2, "both handlers ran");
        Assert.Equal(0, host.Services.GetRequiredService<ServerlessCqrs.Outbox.InMemoryOutbox>().PendingCount);
        await host.StopAsync();
    }

    [Fact]
    public async Task TransientFailure_IsRedelivered_AndOnlyTheFailedHandlerRunsAgain()
    {
        using var host = await TestKernel.StartHostAsync(TestKernel.AllHandlers, Settings);
        var probe = host.Services.GetRequiredService<Probe>();
        probe.FailNext(nameof(SecondReaction), new TransientException("busy"));

        await host.Services.GetRequiredService<IEventPublisher>().PublishAsync([Happened()]);

        await Eventually.HoldsAsync(() => probe.CountOf(nameof(SecondReaction)) == 2, "the failed handler ran again");
        Assert.Equal(1, probe.CountOf(nameof(FirstReaction)));
        Assert.Empty(await host.Services.GetRequiredService<IDeadLetterQueue>().ListAsync());
        await host.StopAsync();
    }

    [Fact]
    public async Task PermanentFailure_IsDeadLetteredWithItsReason_AndReplayHandlesItOnce()
    {
        using var host = await TestKernel.StartHostAsync(TestKernel.AllHandlers, Settings);
        var probe = host.Services.GetRequiredService<Probe>();
        var deadLetters = host.Services.GetRequiredService<IDeadLetterQueue>();
        probe.FailNext(nameof(SecondReaction), new InvalidOperationException("bug"));
        var happened = Happened();

        await host.Services.GetRequiredService<IEventPublisher>().PublishAsync([happened]);
        await Eventually.HoldsAsync(async () => (await deadLetters.ListAsync()).Count == 1, "the event was dead-lettered");

        var deadLetter = Assert.Single(await deadLetters.ListAsync());
        Assert.Equal(happened.EventId, deadLetter.Envelope.EventId);
        Assert.Equal("HandlerFailed", deadLetter.Reason);
        Assert.Equal("System.InvalidOperationException", deadLetter.ExceptionType);
        Assert.Contains("SecondReaction failed", deadLetter.Description, StringComparison.Ordinal);
        Assert.NotNull(deadLetter.StackTrace);

        Assert.True(await deadLetters.ReplayAsync(happened.EventId));
        await Eventually.HoldsAsync(() => probe.CountOf(nameof(SecondReaction)) == 2, "the replayed event was handled");
        Assert.Equal(1, probe.CountOf(nameof(FirstReaction)));
        Assert.Empty(await deadLetters.ListAsync());
        Assert.False(await deadLetters.ReplayAsync(happened.EventId));
        await host.StopAsync();
    }

    [Fact]
    public async Task TransientFailureOnEveryDelivery_EndsAsExhausted_AndReplayAllResendsIt()
    {
        using var host = await TestKernel.StartHostAsync(TestKernel.AllHandlers, Settings);
        var probe = host.Services.GetRequiredService<Probe>();
        var deadLetters = host.Services.GetRequiredService<IDeadLetterQueue>();
        probe.FailNext(nameof(FirstReaction), new TransientException("1"), new TransientException("2"), new TransientException("3"));

        await host.Services.GetRequiredService<IEventPublisher>().PublishAsync([Happened()]);
        await Eventually.HoldsAsync(async () => (await deadLetters.ListAsync()).Count == 1, "the event was dead-lettered");

        Assert.Equal("AttemptsExhausted", Assert.Single(await deadLetters.ListAsync()).Reason);
        Assert.Equal(3, probe.CountOf(nameof(FirstReaction)));
        Assert.Equal(1, await deadLetters.ReplayAllAsync());
        await Eventually.HoldsAsync(() => probe.CountOf(nameof(FirstReaction)) == 4, "the replayed event was handled");
        Assert.Equal(1, probe.CountOf(nameof(SecondReaction)));
        await host.StopAsync();
    }

    [Fact]
    public async Task DispatcherFailure_IsRedelivered_ThenDeadLettered_WhenAttemptsRunOut()
    {
        using var host = await TestKernel.StartHostAsync(b =>
        {
            TestKernel.AllHandlers(b);
            b.Services.AddSingleton<UnreachableLedger>();
            b.Services.AddSingleton<IEventHandlerLedger>(sp => sp.GetRequiredService<UnreachableLedger>());
        }, Settings);
        var deadLetters = host.Services.GetRequiredService<IDeadLetterQueue>();

        await host.Services.GetRequiredService<IEventPublisher>().PublishAsync([Happened()]);
        await Eventually.HoldsAsync(async () => (await deadLetters.ListAsync()).Count == 1, "the event was dead-lettered");

        var deadLetter = Assert.Single(await deadLetters.ListAsync());
        Assert.Equal("AttemptsExhausted", deadLetter.Reason);
        Assert.Equal(3, deadLetter.Envelope.DeliveryAttempt);
        Assert.Contains("Dispatch failed on delivery 3 with IOException", deadLetter.Description, StringComparison.Ordinal);
        Assert.Equal(3, host.Services.GetRequiredService<UnreachableLedger>().Calls);
        await host.StopAsync();
    }

    [Fact]
    public async Task Host_StartsAndStopsRepeatedly_WithoutHanging()
    {
        for (var i = 0; i < 5; i++)
        {
            using var host = await TestKernel.StartHostAsync(TestKernel.AllHandlers, Settings);
            host.Services.GetRequiredService<Probe>().FailNext(nameof(FirstReaction), new TransientException("pending redelivery"));
            await host.Services.GetRequiredService<IEventPublisher>().PublishAsync([Happened()]);
            using var stopping = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            await host.StopAsync(stopping.Token);
            Assert.False(stopping.IsCancellationRequested);
        }
    }

    private sealed class UnreachableLedger : IEventHandlerLedger
    {
        private int _calls;

        public int Calls => _calls;

        public ValueTask<HandlerClaim> TryClaimAsync(Guid eventId, string handlerName, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _calls);
            throw new IOException("The ledger is unreachable.");
        }

        public ValueTask RecordSuccessAsync(HandlerClaim claim, CancellationToken cancellationToken) => default;

        public ValueTask ReleaseAsync(HandlerClaim claim, CancellationToken cancellationToken) => default;
    }
}
