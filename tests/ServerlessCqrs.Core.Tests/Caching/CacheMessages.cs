using System.Collections.Concurrent;
using ServerlessCqrs.Caching;
using ServerlessCqrs.Core.Tests.Fixtures;

namespace ServerlessCqrs.Core.Tests.Caching;

public sealed record Reading(string Key, int Version);

/// <summary>Cached for 30 s and tagged by key.</summary>
[QueryCache(30)]
public sealed record Lookup(string Key) : IQuery<Reading>, ICacheTagged
{
    public IEnumerable<string> GetCacheTags() => ["item:" + Key];
}

/// <summary>Fresh for four seconds, refreshed in the background after one (wide windows, so a loaded machine cannot miss them).</summary>
[QueryCache(4, EagerRefreshThreshold = 0.25, Tags = ["short"])]
public sealed record ShortLived(string Key) : IQuery<Reading>;

/// <summary>Fresh for one second, then served up to a minute old when the handler fails.</summary>
[QueryCache(1, FailSafeMaxSeconds = 60)]
public sealed record Fragile(string Key) : IQuery<Reading>;

[QueryCache(0)]
public sealed record NeverStored(string Key) : IQuery<Reading>;

public sealed record Uncached(string Key) : IQuery<Reading>;

/// <summary>
/// The data behind the test queries: counts reads per query, reads the version current when the read
/// starts, and can hold reads at a gate, fail them or answer not found.
/// </summary>
public sealed class ReadingSource
{
    private readonly ConcurrentDictionary<string, int> _reads = new();

    public int Version { get; set; } = 1;

    public TaskCompletionSource? Gate { get; set; }

    public Exception? Failure { get; set; }

    public bool NotFound { get; set; }

    public int ReadsOf<TQuery>() => _reads.GetValueOrDefault(typeof(TQuery).Name);

    public async ValueTask<Result<Reading>> ReadAsync<TQuery>(string key, CancellationToken cancellationToken)
    {
        _reads.AddOrUpdate(typeof(TQuery).Name, 1, (_, n) => n + 1);
        var version = Version;
        if (Gate is { } gate)
        {
            await gate.Task.WaitAsync(cancellationToken);
        }

        if (Failure is { } failure)
        {
            throw failure;
        }

        return NotFound ? Error.NotFound("reading_not_found", "No such reading.") : new Reading(key, version);
    }
}

public sealed class LookupHandler(ReadingSource source) : IQueryHandler<Lookup, Reading>
{
    public ValueTask<Result<Reading>> HandleAsync(Lookup query, CancellationToken cancellationToken) => source.ReadAsync<Lookup>(query.Key, cancellationToken);
}

public sealed class ShortLivedHandler(ReadingSource source) : IQueryHandler<ShortLived, Reading>
{
    public ValueTask<Result<Reading>> HandleAsync(ShortLived query, CancellationToken cancellationToken) => source.ReadAsync<ShortLived>(query.Key, cancellationToken);
}

public sealed class FragileHandler(ReadingSource source) : IQueryHandler<Fragile, Reading>
{
    public ValueTask<Result<Reading>> HandleAsync(Fragile query, CancellationToken cancellationToken) => source.ReadAsync<Fragile>(query.Key, cancellationToken);
}

public sealed class NeverStoredHandler(ReadingSource source) : IQueryHandler<NeverStored, Reading>
{
    public ValueTask<Result<Reading>> HandleAsync(NeverStored query, CancellationToken cancellationToken) => source.ReadAsync<NeverStored>(query.Key, cancellationToken);
}

public sealed class UncachedHandler(ReadingSource source) : IQueryHandler<Uncached, Reading>
{
    public ValueTask<Result<Reading>> HandleAsync(Uncached query, CancellationToken cancellationToken) => source.ReadAsync<Uncached>(query.Key, cancellationToken);
}

/// <summary>A kernel with the cached test queries over one <see cref="ReadingSource"/>.</summary>
public sealed class CacheKernel : IDisposable
{
    public CacheKernel(IDictionary<string, string?>? settings = null) =>
        Services = TestKernel.Build(Register(Source), settings: settings);

    public ReadingSource Source { get; } = new();

    public ServiceProvider Services { get; }

    public IQueryCache Cache => Services.GetRequiredService<IQueryCache>();

    public static Action<CqrsBuilder> Register(ReadingSource source) => builder =>
    {
        builder.Services.AddSingleton(source);
        builder.AddHandler<LookupHandler>().AddHandler<ShortLivedHandler>().AddHandler<FilteredHandler>().AddHandler<FragileHandler>().AddHandler<NeverStoredHandler>().AddHandler<UncachedHandler>();
    };

    /// <summary>Runs a query in a scope of its own, as one request would, and returns its value and cache status.</summary>
    public async Task<(Reading Value, QueryCacheStatus? Status)> QueryAsync(IQuery<Reading> query)
    {
        var (result, status) = await Services.QueryWithCacheStatusAsync(query);
        return (result.Value, status);
    }

    public void Dispose() => Services.Dispose();
}

/// <summary>A query whose field is a map, to show keys do not depend on property order.</summary>
[QueryCache(30)]
public sealed record Filtered(IReadOnlyDictionary<string, string> Filters) : IQuery<Reading>;

public sealed class FilteredHandler(ReadingSource source) : IQueryHandler<Filtered, Reading>
{
    public ValueTask<Result<Reading>> HandleAsync(Filtered query, CancellationToken cancellationToken) =>
        source.ReadAsync<Filtered>(string.Join(",", query.Filters.Keys), cancellationToken);
}
