using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.DependencyInjection;
using ServerlessCqrs.Caching;
using ZiggyCreatures.Caching.Fusion;

namespace ServerlessCqrs.Benchmarks;

/// <summary>
/// The query cache in memory: a hit through the bus with every default behavior, next to a raw
/// FusionCache <c>GetOrSet</c> hit in the same run (what the kernel adds: key derivation, status,
/// metrics, the pipeline); and a stampede of concurrent identical cold queries.
/// </summary>
[MemoryDiagnoser]
public class CacheBenchmarks
{
    private readonly CachedLookup _query = new() { Key = 21 };
    private ServiceProvider _services = null!;
    private IServiceScope _scope = null!;
    private IMessageBus _bus = null!;
    private static readonly FusionCacheEntryOptions RawOptions = new(TimeSpan.FromMinutes(5));
    private static readonly string[] RawTags = ["query:lookup"];
    private FusionCache _rawCache = null!;
    private IQueryCache _queryCache = null!;

    [Params(100, 1000)]
    public int Callers { get; set; }

    [GlobalSetup]
    public async Task SetupAsync()
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddServerlessCqrs().AddHandler<CachedLookupHandler>();
        _services = services.BuildServiceProvider();
        _scope = _services.CreateScope();
        _bus = _scope.ServiceProvider.GetRequiredService<IMessageBus>();
        _queryCache = _services.GetRequiredService<IQueryCache>();
        _rawCache = new FusionCache(new FusionCacheOptions());
        await _bus.QueryAsync(_query);
        await Hit_RawFusionCacheGetOrSet();
        await Hit_RawFusionCacheGetOrSet_Tagged();
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _scope.Dispose();
        _services.Dispose();
        _rawCache.Dispose();
    }

    [Benchmark(Baseline = true)]
    public ValueTask<int> Hit_RawFusionCacheGetOrSet() =>
        _rawCache.GetOrSetAsync<int>("lookup:21", static (_, _) => Task.FromResult(42), options: RawOptions);

    /// <summary>The same hit on an entry stored with one tag: FusionCache checks the tag's invalidation on every hit.</summary>
    [Benchmark]
    public ValueTask<int> Hit_RawFusionCacheGetOrSet_Tagged() =>
        _rawCache.GetOrSetAsync<int>("lookup:tagged:21", static (_, _) => Task.FromResult(42), options: RawOptions, tags: RawTags);

    [Benchmark]
    public async ValueTask<int> Hit_ThroughTheBus() => (await _bus.QueryAsync(_query)).Value;

    /// <summary>Invalidates the entry, then <see cref="Callers"/> identical queries arrive at once: the handler runs once.</summary>
    [Benchmark]
    public async Task<int> Stampede_ColdIdenticalQueries()
    {
        await _queryCache.InvalidateAsync(_query);
        var calls = new Task<Result<int>>[Callers];
        for (var i = 0; i < calls.Length; i++)
        {
            calls[i] = _bus.QueryAsync(_query).AsTask();
        }

        return (await Task.WhenAll(calls)).Sum(r => r.Value);
    }
}
