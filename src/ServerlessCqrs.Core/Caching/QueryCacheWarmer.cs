using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ServerlessCqrs.Diagnostics;
using ServerlessCqrs.Registry;

namespace ServerlessCqrs.Caching;

/// <summary>
/// Keeps the configured query results (<c>Cqrs:Caching:KeepWarm</c>) in the cache by refreshing each
/// one when its interval has passed. Something calls <see cref="RefreshDueAsync"/> on a schedule: a
/// hosted service in a long-running host, a timer trigger in the Functions app.
/// </summary>
public sealed class QueryCacheWarmer
{
    private readonly IQueryCache _cache;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Entry[] _entries;

    /// <summary>Parses the keep-warm entries (already validated at startup).</summary>
    public QueryCacheWarmer(IQueryCache cache, MessageRegistry registry, IOptions<QueryCachingOptions> options, TimeProvider time, ILoggerFactory loggers)
    {
        ArgumentNullException.ThrowIfNull(registry);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(loggers);
        _cache = cache;
        _time = time;
        _logger = loggers.CreateLogger(CqrsDiagnostics.LogCategories.Queries);
        _entries = [.. options.Value.KeepWarm.Select(k =>
        {
            registry.TryGetByName(k.Query, out var query);
            return new Entry(query!.Name, QueryCachingOptionsValidation.ParseArguments(query, k.Arguments), k.Interval);
        })];
    }

    /// <summary>Whether any result is to be kept warm.</summary>
    public bool HasWork => _entries.Length > 0;

    /// <summary>The shortest interval: how often a scheduler should call <see cref="RefreshDueAsync"/>.</summary>
    public TimeSpan ShortestInterval => _entries.Length == 0 ? Timeout.InfiniteTimeSpan : _entries.Min(e => e.Interval);

    /// <summary>Refreshes every entry whose interval has passed since its last refresh; returns how many it refreshed.</summary>
    public async Task<int> RefreshDueAsync(CancellationToken cancellationToken)
    {
        var refreshed = 0;
        foreach (var entry in _entries)
        {
            var now = _time.GetUtcNow();
            if (now < entry.DueAt)
            {
                continue;
            }

            entry.DueAt = now + entry.Interval;
            try
            {
                var result = await _cache.RefreshAsync(entry.Query, cancellationToken).ConfigureAwait(false);
                if (result.Error is { } error)
                {
                    CachingLog.KeepWarmFailed(_logger, null, entry.Name, error.Code);
                    continue;
                }

                refreshed++;
            }
            catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                // One failing entry must not stop the others; the next round tries it again.
                CachingLog.KeepWarmFailed(_logger, exception, entry.Name, exception.GetType().Name);
            }
        }

        return refreshed;
    }

    private sealed class Entry(string name, object query, TimeSpan interval)
    {
        public string Name { get; } = name;

        public object Query { get; } = query;

        public TimeSpan Interval { get; } = interval;

        public DateTimeOffset DueAt { get; set; } = DateTimeOffset.MinValue;
    }
}
