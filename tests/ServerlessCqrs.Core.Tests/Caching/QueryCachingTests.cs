using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using ServerlessCqrs.Security;
using ServerlessCqrs.Caching;
using ServerlessCqrs.Diagnostics;
using ServerlessCqrs.Registry;

namespace ServerlessCqrs.Core.Tests.Caching;

public sealed class QueryCachingTests
{
    [Fact]
    public async Task SecondIdenticalQuery_IsAHit_AndSkipsTheHandler()
    {
        using var kernel = new CacheKernel();

        var first = await kernel.QueryAsync(new Lookup("a"));
        kernel.Source.Version = 2;
        var second = await kernel.QueryAsync(new Lookup("a"));

        Assert.Equal((1, CacheOutcome.Miss), (first.Value.Version, first.Status!.Outcome));
        Assert.Equal((1, CacheOutcome.Hit), (second.Value.Version, second.Status!.Outcome));
        Assert.Equal(1, kernel.Source.ReadsOf<Lookup>());
    }

    [Fact]
    public async Task AStoredResult_HasTheETagOfItsContent_SoAnUnchangedAnswerKeepsIt()
    {
        using var kernel = new CacheKernel();

        var miss = await kernel.QueryAsync(new Lookup("a"));
        var hit = await kernel.QueryAsync(new Lookup("a"));
        await kernel.Cache.InvalidateAsync(new Lookup("a"));
        var recomputed = await kernel.QueryAsync(new Lookup("a"));
        kernel.Source.Version = 2;
        await kernel.Cache.InvalidateAsync(new Lookup("a"));
        var changed = await kernel.QueryAsync(new Lookup("a"));
        var other = await kernel.QueryAsync(new Lookup("b"));

        Assert.Equal(ResultETags.Of(System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(miss.Value, kernel.Services.GetRequiredService<MessageRegistry>().SerializerOptions)), miss.Status!.ETag);
        Assert.Equal(miss.Status.ETag, hit.Status!.ETag);
        Assert.Equal(CacheOutcome.Miss, recomputed.Status!.Outcome);
        Assert.Equal(miss.Status.ETag, recomputed.Status.ETag);
        Assert.NotEqual(miss.Status.ETag, changed.Status!.ETag);
        Assert.NotEqual(changed.Status.ETag, other.Status!.ETag);
    }

    [Fact]
    public async Task DifferentFieldValues_AreDifferentEntries()
    {
        using var kernel = new CacheKernel();

        await kernel.QueryAsync(new Lookup("a"));
        var other = await kernel.QueryAsync(new Lookup("b"));

        Assert.Equal(CacheOutcome.Miss, other.Status!.Outcome);
        Assert.Equal(2, kernel.Source.ReadsOf<Lookup>());
    }

    [Fact]
    public async Task DurationZeroFromConfiguration_OverridesTheAttribute_AndNeverTouchesTheCache()
    {
        // The original module's bug: `cacheTime || 300` turned 0 into the default.
        using var kernel = new CacheKernel(new Dictionary<string, string?> { ["Cqrs:Caching:Queries:Lookup:DurationSeconds"] = "0" });

        var outcomes = new List<(int, CacheOutcome)>();
        for (var version = 1; version <= 3; version++)
        {
            kernel.Source.Version = version;
            var (value, status) = await kernel.QueryAsync(new Lookup("a"));
            outcomes.Add((value.Version, status!.Outcome));
        }

        Assert.Equal([(1, CacheOutcome.Bypass), (2, CacheOutcome.Bypass), (3, CacheOutcome.Bypass)], outcomes);
        Assert.Equal(3, kernel.Source.ReadsOf<Lookup>());
        Assert.True(kernel.Services.GetRequiredService<QueryCachePolicies>().For(typeof(Lookup))!.IsNoStore);
    }

    [Fact]
    public async Task NoStoreAttribute_WritesNothing_SoNothingIsEverHit()
    {
        using var kernel = new CacheKernel();

        await kernel.QueryAsync(new NeverStored("a"));
        var second = await kernel.QueryAsync(new NeverStored("a"));

        Assert.Equal(CacheOutcome.Bypass, second.Status!.Outcome);
        Assert.Equal(2, kernel.Source.ReadsOf<NeverStored>());
        var store = kernel.Services.GetRequiredService<QueryCacheStore>();
        var key = new QueryCacheKeys(Registry(kernel).GetByType(typeof(NeverStored))).For(new NeverStored("a"), MessageCaller.DefaultTenant);
        Assert.False((await store.Cache.TryGetAsync<QueryCacheEntry<Reading>>(key)).HasValue);
    }

    [Fact]
    public async Task NoStore_ConcurrentIdenticalCalls_ShareOneExecution()
    {
        using var kernel = new CacheKernel();
        kernel.Source.Gate = new(TaskCreationOptions.RunContinuationsAsynchronously);

        var calls = Enumerable.Range(0, 50).Select(_ => Task.Run(() => kernel.QueryAsync(new NeverStored("a")))).ToArray();
        await Eventually.HoldsAsync(() => kernel.Source.ReadsOf<NeverStored>() == 1, "the first call reads");
        await Task.Delay(200);
        kernel.Source.Gate.SetResult();
        var results = await Task.WhenAll(calls);

        Assert.All(results, r => Assert.Equal(1, r.Value.Version));
        Assert.Equal(1, kernel.Source.ReadsOf<NeverStored>());
    }

    [Fact]
    public async Task ThousandConcurrentIdenticalColdQueries_RunTheHandlerOnce()
    {
        using var kernel = new CacheKernel();
        kernel.Source.Gate = new(TaskCreationOptions.RunContinuationsAsynchronously);

        var calls = Enumerable.Range(0, 1000).Select(_ => Task.Run(() => kernel.QueryAsync(new Lookup("cold")))).ToArray();
        await Eventually.HoldsAsync(() => kernel.Source.ReadsOf<Lookup>() == 1, "the first call reads");
        await Task.Delay(200);
        kernel.Source.Gate.SetResult();
        var results = await Task.WhenAll(calls);

        Assert.Equal(1, kernel.Source.ReadsOf<Lookup>());
        Assert.All(results, r => Assert.Equal(new Reading("cold", 1), r.Value));
    }

    [Fact]
    public async Task ErrorResults_AreReturned_ButNeverCached()
    {
        using var kernel = new CacheKernel();
        kernel.Source.NotFound = true;
        var bus = kernel.Services.Bus();

        var first = await bus.QueryAsync(new Lookup("missing"));
        var second = await bus.QueryAsync(new Lookup("missing"));

        Assert.Equal([ErrorKind.NotFound, ErrorKind.NotFound], [first.Error!.Kind, second.Error!.Kind]);
        Assert.Equal(2, kernel.Source.ReadsOf<Lookup>());
    }

    [Fact]
    public async Task QueriesWithoutAPolicy_AreNotCached_AndHaveNoStatus()
    {
        using var kernel = new CacheKernel();

        await kernel.QueryAsync(new Uncached("a"));
        var second = await kernel.QueryAsync(new Uncached("a"));

        Assert.Null(second.Status);
        Assert.Equal(2, kernel.Source.ReadsOf<Uncached>());
    }

    [Theory]
    [InlineData("key")]
    [InlineData("type")]
    [InlineData("tag")]
    public async Task Invalidation_MakesTheNextQueryRunTheHandler(string by)
    {
        using var kernel = new CacheKernel();
        await kernel.QueryAsync(new Lookup("a"));
        kernel.Source.Version = 2;

        await (by switch
        {
            "key" => kernel.Cache.InvalidateAsync(new Lookup("a")),
            "type" => kernel.Cache.InvalidateQueryTypeAsync("Lookup"),
            _ => kernel.Cache.InvalidateTagsAsync(["item:a"]),
        });
        var after = await kernel.QueryAsync(new Lookup("a"));

        Assert.Equal((2, CacheOutcome.Miss), (after.Value.Version, after.Status!.Outcome));
    }

    [Fact]
    public async Task InvalidatingOneTag_LeavesOtherEntriesCached()
    {
        using var kernel = new CacheKernel();
        await kernel.QueryAsync(new Lookup("a"));
        await kernel.QueryAsync(new Lookup("b"));

        await kernel.Cache.InvalidateTagsAsync(["item:a"]);

        Assert.Equal(CacheOutcome.Hit, (await kernel.QueryAsync(new Lookup("b"))).Status!.Outcome);
    }

    [Fact]
    public async Task AnInvalidationWhileTheHandlerRuns_KeepsItsOlderResultOutOfTheCache()
    {
        using var kernel = new CacheKernel();
        kernel.Source.Gate = new(TaskCreationOptions.RunContinuationsAsynchronously);
        var running = kernel.QueryAsync(new Lookup("a"));
        await Eventually.HoldsAsync(() => kernel.Source.ReadsOf<Lookup>() == 1, "the handler runs");

        kernel.Source.Version = 2;
        await kernel.Cache.InvalidateAsync(new Lookup("a"));
        kernel.Source.Gate.SetResult();
        var first = await running;
        var next = await kernel.QueryAsync(new Lookup("a"));

        Assert.Equal(1, first.Value.Version);
        Assert.Equal((2, CacheOutcome.Miss), (next.Value.Version, next.Status!.Outcome));
    }

    [Fact]
    public async Task AnInvalidationDuringABackgroundRefresh_KeepsTheRefreshedOlderResultOutOfTheCache()
    {
        using var kernel = new CacheKernel();
        await kernel.QueryAsync(new ShortLived("a"));
        await Task.Delay(1200); // past the refresh point (1 s), within the duration (4 s)

        kernel.Source.Version = 2;
        kernel.Source.Gate = new(TaskCreationOptions.RunContinuationsAsynchronously);
        var stale = await kernel.QueryAsync(new ShortLived("a"));
        await Eventually.HoldsAsync(() => kernel.Source.ReadsOf<ShortLived>() == 2, "the background refresh reads version 2");
        kernel.Source.Version = 3;
        await kernel.Cache.InvalidateTagsAsync(["short"]);
        kernel.Source.Gate.SetResult();
        await Task.Delay(100);
        kernel.Source.Gate = null;
        var next = await kernel.QueryAsync(new ShortLived("a"));

        Assert.Equal((1, CacheOutcome.Stale), (stale.Value.Version, stale.Status!.Outcome));
        Assert.Equal(3, next.Value.Version);
    }

    [Fact]
    public async Task PastTheRefreshPoint_AReadGetsTheCachedResultAtOnce_AndTheRefreshLands()
    {
        using var kernel = new CacheKernel();
        await kernel.QueryAsync(new ShortLived("a"));
        await Task.Delay(1200);
        kernel.Source.Version = 2;

        var stale = await kernel.QueryAsync(new ShortLived("a"));

        Assert.Equal((1, CacheOutcome.Stale), (stale.Value.Version, stale.Status!.Outcome));
        await Eventually.HoldsAsync(async () => (await kernel.QueryAsync(new ShortLived("a"))).Value.Version == 2, "the refreshed result is served");
    }

    [Fact]
    public async Task WhenTheHandlerFails_FailSafeServesTheLastGoodResult_AndSaysSo()
    {
        using var kernel = new CacheKernel();
        using var activations = new MetricCollector<long>(
            kernel.Services.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>(), CqrsDiagnostics.MeterName, CqrsDiagnostics.Instruments.QueryCacheFailSafeActivations);
        await kernel.QueryAsync(new Fragile("a"));
        await Task.Delay(1100); // past the duration
        kernel.Source.Failure = new InvalidOperationException("the store is down");

        var (value, status) = await kernel.QueryAsync(new Fragile("a"));

        Assert.Equal(1, value.Version);
        Assert.Equal((CacheOutcome.Stale, true), (status!.Outcome, status.FailSafe));
        Assert.True(status.Age >= TimeSpan.FromSeconds(1));
        Assert.Equal("Fragile", Assert.Single(activations.GetMeasurementSnapshot()).Tags[CqrsDiagnostics.Tags.MessageType]);
        Assert.Contains(kernel.Services.GetFakeLogCollector().GetSnapshot(), r => r.Id.Name == "QueryCacheFailSafe");
    }

    [Fact]
    public async Task WithoutFailSafe_AHandlerFailureReachesTheCaller()
    {
        using var kernel = new CacheKernel(new Dictionary<string, string?> { ["Cqrs:Caching:Queries:Lookup:DurationSeconds"] = "1" });
        await kernel.QueryAsync(new Lookup("a"));
        await Task.Delay(1100);
        kernel.Source.Failure = new InvalidOperationException("the store is down");

        await Assert.ThrowsAsync<InvalidOperationException>(() => kernel.QueryAsync(new Lookup("a")));
    }

    [Fact]
    public async Task Refresh_RunsTheHandler_AndTheNextQueryHitsItsResult()
    {
        using var kernel = new CacheKernel();
        await kernel.QueryAsync(new Lookup("a"));
        kernel.Source.Version = 2;

        var refreshed = await kernel.Cache.RefreshAsync(new Lookup("a"));
        var next = await kernel.QueryAsync(new Lookup("a"));

        Assert.Equal(new Reading("a", 2), refreshed.Value);
        Assert.Equal((2, CacheOutcome.Hit), (next.Value.Version, next.Status!.Outcome));
        Assert.Equal(2, kernel.Source.ReadsOf<Lookup>());
    }

    [Fact]
    public async Task Lookups_AreCountedByTypeAndOutcome_AndTheSpanSaysHowTheCacheAnswered()
    {
        using var kernel = new CacheKernel();
        using var requests = new MetricCollector<long>(
            kernel.Services.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>(), CqrsDiagnostics.MeterName, CqrsDiagnostics.Instruments.QueryCacheRequests);
        using var spans = new SpanCollector();

        await kernel.QueryAsync(new Lookup("a"));
        await kernel.QueryAsync(new Lookup("a"));
        await kernel.QueryAsync(new NeverStored("a"));

        Assert.Equal(
            ["Lookup:miss", "Lookup:hit", "NeverStored:bypass"],
            requests.GetMeasurementSnapshot().Select(m => $"{m.Tags[CqrsDiagnostics.Tags.MessageType]}:{m.Tags[CqrsDiagnostics.Tags.CacheOutcome]}"));
        Assert.Equal(
            ["miss", "hit"],
            spans.Spans.Where(s => s.DisplayName == "query Lookup").Select(s => s.GetTagItem(CqrsDiagnostics.Tags.CacheOutcome)));
    }

    [Fact]
    public async Task NoLogRecord_CarriesAQueryFieldValue_NotEvenInATag()
    {
        using var kernel = new CacheKernel();
        kernel.Services.GetFakeLogCollector().Clear();

        await kernel.QueryAsync(new Lookup("secret-4711"));
        await kernel.QueryAsync(new Lookup("secret-4711"));
        await kernel.Cache.InvalidateAsync(new Lookup("secret-4711"));
        await kernel.QueryAsync(new Lookup("secret-4711"));

        var records = kernel.Services.GetFakeLogCollector().GetSnapshot();
        Assert.NotEmpty(records);
        Assert.DoesNotContain(records, r => $"{r.Message} {string.Join(" ", r.StructuredState ?? [])}".Contains("4711", StringComparison.Ordinal));
    }

    private static ServerlessCqrs.Registry.MessageRegistry Registry(CacheKernel kernel) => kernel.Services.GetRequiredService<ServerlessCqrs.Registry.MessageRegistry>();
}
