using Microsoft.Extensions.Options;
using Polly.Timeout;
using ServerlessCqrs.Core.Tests.Fixtures;
using ServerlessCqrs.Diagnostics;
using ServerlessCqrs.Resilience;

namespace ServerlessCqrs.Core.Tests.Pipeline;

public sealed class ResilienceBehaviorTests
{
    private static ServiceProvider Kernel(IDictionary<string, string?>? settings = null) =>
        TestKernel.Build(
            b =>
            {
                b.Services.AddSingleton<TokenKeeper>();
                b.AddHandler<FlakyHandler>().AddHandler<SlowHandler>().AddHandler<TouchHandler>()
                    .AddHandler<PendingFlakyHandler>().AddHandler<TokenKeeperHandler>();
            },
            settings: settings);

    [Fact]
    public async Task TransientFailures_AreRetried_AndTheAttemptIsVisible()
    {
        using var services = Kernel();
        var probe = services.GetRequiredService<Probe>();
        probe.FailNext(nameof(Flaky), new TransientException("busy"), new TimeoutException("slow"));
        using var spans = new SpanCollector();

        var result = await services.Bus().SendAsync(new Flaky());

        Assert.Equal(3, result.Value);
        Assert.Equal(2, spans.Named("command Flaky").GetTagItem(CqrsDiagnostics.Tags.RetryCount));
        var logs = services.GetFakeLogCollector().GetSnapshot();
        var retries = logs.Where(l => l.Id.Name == "MessageRetrying").ToList();
        Assert.Equal(["1", "2"], retries.Select(r => r.GetStructuredStateValue("attempt")));
        Assert.Equal(["TransientException", "TimeoutException"], retries.Select(r => r.GetStructuredStateValue("errorCode")));
        Assert.Equal("2", logs.Single(l => l.Id.Name == "MessageHandled").GetStructuredStateValue("retryCount"));
    }

    [Fact]
    public async Task TransientFailure_OfAnAttemptThatWentAsynchronous_IsRetried()
    {
        using var services = Kernel();
        var probe = services.GetRequiredService<Probe>();
        probe.FailNext(nameof(PendingFlaky), new TransientException("busy"));

        var result = await services.Bus().SendAsync(new PendingFlaky());

        Assert.True(result.IsSuccess);
        Assert.Equal(2, probe.CountOf(nameof(PendingFlaky)));
    }

    [Fact]
    public async Task CallerCancellation_OfAPendingAttempt_EndsTheCall_WithoutRetryOrTimeout()
    {
        using var services = Kernel();
        using var caller = new CancellationTokenSource();

        var call = services.Bus().SendAsync(new Slow(), caller.Token);
        await caller.CancelAsync();

        var exception = await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await call);
        Assert.IsNotType<TimeoutRejectedException>(exception);
        Assert.Equal(1, services.GetRequiredService<Probe>().CountOf(nameof(Slow)));
    }

    [Fact]
    public async Task CallbackLeftOnACompletedAttemptsToken_DoesNotRunWhenALaterAttemptTimesOut()
    {
        using var services = Kernel(new Dictionary<string, string?> { ["Cqrs:Resilience:Messages:Slow:AttemptTimeout"] = "00:00:00.050" });
        var bus = services.Bus();
        var keeper = services.GetRequiredService<TokenKeeper>();

        await bus.SendAsync(new KeepToken());
        var slow = await bus.SendAsync(new Slow());

        Assert.True(slow.IsSuccess);
        Assert.Equal(2, services.GetRequiredService<Probe>().CountOf(nameof(Slow)));
        Assert.False(keeper.CallbackRan);
    }

    [Fact]
    public async Task NonTransientFailure_IsNotRetried()
    {
        using var services = Kernel();
        var probe = services.GetRequiredService<Probe>();
        probe.FailNext(nameof(Flaky), new InvalidOperationException("bug"));

        await Assert.ThrowsAsync<InvalidOperationException>(async () => await services.Bus().SendAsync(new Flaky()));

        Assert.Equal(1, probe.CountOf(nameof(Flaky)));
    }

    [Fact]
    public async Task ExhaustedRetries_Rethrow_AfterMaxRetryAttemptsPlusOne()
    {
        using var services = Kernel();
        var probe = services.GetRequiredService<Probe>();
        probe.FailNext(nameof(Flaky), [.. Enumerable.Range(0, 10).Select(_ => new TransientException("down"))]);

        await Assert.ThrowsAsync<TransientException>(async () => await services.Bus().SendAsync(new Flaky()));

        Assert.Equal(4, probe.CountOf(nameof(Flaky)));
    }

    [Fact]
    public async Task ConcurrencyConflict_IsRetried_ThenReturned()
    {
        using var services = Kernel();

        var result = await services.Bus().SendAsync(new Touch { Id = "stale" });

        Assert.Equal(ErrorKind.Concurrency, result.Error?.Kind);
        Assert.Equal(4, services.GetRequiredService<Probe>().CountOf(nameof(Touch)));
    }

    [Fact]
    public async Task Configuration_OverridesPerMessageOverDefault()
    {
        using var services = Kernel(new Dictionary<string, string?>
        {
            ["Cqrs:Resilience:Default:MaxRetryAttempts"] = "5",
            ["Cqrs:Resilience:Messages:Flaky:MaxRetryAttempts"] = "0",
        });
        var probe = services.GetRequiredService<Probe>();
        probe.FailNext(nameof(Flaky), new TransientException("busy"));
        var bus = services.Bus();

        await Assert.ThrowsAsync<TransientException>(async () => await bus.SendAsync(new Flaky()));
        await bus.SendAsync(new Touch { Id = "stale" });

        Assert.Equal(1, probe.CountOf(nameof(Flaky)));
        Assert.Equal(6, probe.CountOf(nameof(Touch)));
    }

    [Fact]
    public async Task AttemptTimeout_CancelsTheAttempt_AndRetries()
    {
        using var services = Kernel(new Dictionary<string, string?> { ["Cqrs:Resilience:Messages:Slow:AttemptTimeout"] = "00:00:00.050" });

        var result = await services.Bus().SendAsync(new Slow());

        Assert.True(result.IsSuccess);
        Assert.Equal(2, services.GetRequiredService<Probe>().CountOf(nameof(Slow)));
    }

    [Fact]
    public async Task TotalTimeout_StopsTheRetries()
    {
        using var services = Kernel(new Dictionary<string, string?>
        {
            ["Cqrs:Resilience:Messages:Slow:AttemptTimeout"] = "0",
            ["Cqrs:Resilience:Messages:Slow:TotalTimeout"] = "00:00:00.050",
        });

        await Assert.ThrowsAsync<TimeoutRejectedException>(async () => await services.Bus().SendAsync(new Slow()));
    }

    [Theory]
    [InlineData("Cqrs:Resilience:Messages:Flaky:MaxRetryAttempts", "50", "Cqrs:Resilience:Messages:Flaky:MaxRetryAttempts must be between 0 and 10; it is 50.")]
    [InlineData("Cqrs:Resilience:Default:AttemptTimeout", "00:00:00.001", "Cqrs:Resilience:Default:AttemptTimeout must be 0 (off) or between 10 ms and 1 hour")]
    [InlineData("Cqrs:Resilience:Default:BaseDelay", "-00:00:01", "Cqrs:Resilience:Default:BaseDelay must be between 0 and 1 hour")]
    public void InvalidSetting_FailsNamingTheSetting(string key, string value, string message)
    {
        using var services = Kernel(new Dictionary<string, string?> { [key] = value });
        var options = services.GetRequiredService<IOptionsMonitor<MessageResilienceOptions>>();

        var exception = Assert.Throws<OptionsValidationException>(() => options.Get("Flaky"));

        Assert.Contains(message, exception.Message, StringComparison.Ordinal);
    }
}

/// <summary>Fails (as the probe says) after going asynchronous.</summary>
public sealed record PendingFlaky : ICommand;

public sealed class PendingFlakyHandler(Probe probe) : ICommandHandler<PendingFlaky>
{
    public async ValueTask<Result> HandleAsync(PendingFlaky command, CancellationToken cancellationToken)
    {
        await Task.Yield();
        probe.Hit(nameof(PendingFlaky));
        return Result.Success;
    }
}

/// <summary>Completes at once, leaving a callback registered on its token.</summary>
public sealed record KeepToken : ICommand;

public sealed class TokenKeeper
{
    public bool CallbackRan { get; set; }
}

public sealed class TokenKeeperHandler(TokenKeeper keeper) : ICommandHandler<KeepToken>
{
    public ValueTask<Result> HandleAsync(KeepToken command, CancellationToken cancellationToken)
    {
        cancellationToken.Register(() => keeper.CallbackRan = true);
        return ValueTask.FromResult(Result.Success);
    }
}
