using System.Diagnostics;
using ServerlessCqrs.Caching;
using ServerlessCqrs.Core.Tests.Fixtures;

namespace ServerlessCqrs.Core.Tests.Caching;

/// <summary>Measures process-wide counts (timers, threads), so nothing else may run alongside.</summary>
[CollectionDefinition(nameof(KeepWarmTests), DisableParallelization = true)]
public sealed class KeepWarmCollection;

[Collection(nameof(KeepWarmTests))]
public sealed class KeepWarmTests
{
    private static readonly Dictionary<string, string?> KeepLookupWarm = new()
    {
        ["Cqrs:Caching:KeepWarm:0:Query"] = "Lookup",
        ["Cqrs:Caching:KeepWarm:0:Arguments"] = """{"key":"warm"}""",
        ["Cqrs:Caching:KeepWarm:0:Interval"] = "00:00:01",
    };

    [Fact]
    public async Task AConfiguredQuery_IsRefreshedOnItsInterval_AndServedFromTheCache_UntilTheHostStops()
    {
        var source = new ReadingSource();
        var host = await TestKernel.StartHostAsync(CacheKernel.Register(source), KeepLookupWarm);
        await Eventually.HoldsAsync(() => source.ReadsOf<Lookup>() >= 2, "the keep-warm service refreshes Lookup twice");

        Assert.Equal(CacheOutcome.Hit, (await host.Services.QueryWithCacheStatusAsync(new Lookup("warm"))).CacheStatus!.Outcome);

        await host.StopAsync();
        host.Dispose();
        var readsAtStop = source.ReadsOf<Lookup>();
        await Task.Delay(TimeSpan.FromSeconds(2.5));

        Assert.Equal(readsAtStop, source.ReadsOf<Lookup>());
    }

    [Fact]
    public async Task Warmer_SkipsEntriesNotYetDue_AndOneFailingEntryDoesNotStopTheRound()
    {
        var source = new ReadingSource();
        using var kernel = TestKernel.Build(CacheKernel.Register(source), settings: new Dictionary<string, string?>(KeepLookupWarm)
        {
            ["Cqrs:Caching:KeepWarm:1:Query"] = "ShortLived",
            ["Cqrs:Caching:KeepWarm:1:Arguments"] = """{"key":"other"}""",
        });
        var warmer = kernel.GetRequiredService<QueryCacheWarmer>();

        source.Failure = new InvalidOperationException("down");
        Assert.Equal(0, await warmer.RefreshDueAsync(default));
        source.Failure = null;
        var notYetDue = await warmer.RefreshDueAsync(default);

        Assert.Equal(0, notYetDue);
        Assert.Equal((1, 1), (source.ReadsOf<Lookup>(), source.ReadsOf<ShortLived>()));
        Assert.Equal(2, kernel.GetFakeLogCollector().GetSnapshot().Count(r => r.Id.Name == "QueryCacheKeepWarmFailed"));
    }

    [Fact]
    public async Task StartingAndStoppingTheHostRepeatedly_LeavesNoTimersOrThreadsBehind()
    {
        // Warm up once so lazily created process-wide timers (thread pool, runtime) exist before counting.
        await RunOnceAsync();
        var timersBefore = await SettledAsync(() => Timer.ActiveCount);
        var threadsBefore = await SettledAsync(DedicatedThreads);

        for (var i = 0; i < 20; i++)
        {
            await RunOnceAsync();
        }

        // A disposed cache leaves a short delay timer behind for a moment, so counts are read once they
        // stop falling. A leak grows with every lifetime (20 here); runtime noise does not.
        var timersAfter = await SettledAsync(() => Timer.ActiveCount);
        var threadsAfter = await SettledAsync(DedicatedThreads);
        Assert.True(timersAfter - timersBefore <= 3, $"Live timers grew from {timersBefore} to {timersAfter} over 20 host lifetimes.");
        Assert.True(threadsAfter - threadsBefore <= 4, $"Threads grew from {threadsBefore} to {threadsAfter} over 20 host lifetimes.");
    }

    /// <summary>Threads outside the thread pool: the pool grows and shrinks with machine load, which is not a leak.</summary>
    private static long DedicatedThreads() => Process.GetCurrentProcess().Threads.Count - ThreadPool.ThreadCount;

    private static async Task RunOnceAsync()
    {
        var source = new ReadingSource();
        using var host = await TestKernel.StartHostAsync(CacheKernel.Register(source), KeepLookupWarm);
        await Eventually.HoldsAsync(() => source.ReadsOf<Lookup>() >= 1, "the keep-warm service runs");
        await using (var scope = host.Services.CreateAsyncScope())
        {
            var bus = scope.ServiceProvider.GetRequiredService<IQueryBus>();
            await bus.QueryAsync(new ShortLived("a"));
            await bus.QueryAsync(new Fragile("a"));
            await bus.QueryAsync(new NeverStored("a"));
        }

        await host.StopAsync();
    }

    private static async Task<long> SettledAsync(Func<long> count)
    {
        long last;
        var current = long.MaxValue;
        var deadline = DateTime.UtcNow.AddSeconds(20);
        do
        {
            last = current;
            GC.Collect();
            GC.WaitForPendingFinalizers();
            await Task.Delay(1000);
            current = count();
        }
        while (current < last && DateTime.UtcNow < deadline);

        return current;
    }
}
