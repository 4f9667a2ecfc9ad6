using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using ServerlessCqrs.Registry;
using ZiggyCreatures.Caching.Fusion;

namespace ServerlessCqrs.Caching;

/// <summary>
/// The kernel's FusionCache instance (memory, plus Redis and its backplane when configured) with the
/// entry options of each policy and the invalidation markers that stop a refresh which started before
/// an invalidation from storing its older result afterwards. Disposing it disposes the cache — its
/// background loops and Redis subscriptions end with the host.
/// </summary>
internal sealed class QueryCacheStore : IDisposable
{
    private readonly QueryCachingOptions _options;
    private readonly TimeProvider _time;

    // Long enough to outlive any handler run that began before the invalidation.
    private readonly FusionCacheEntryOptions _markerOptions;

    // Expire rather than remove, so a result invalidated by a change can still serve fail-safe.
    private readonly FusionCacheEntryOptions _expireOptions;

    public QueryCacheStore(IFusionCacheProvider caches, IOptions<QueryCachingOptions> options, TimeProvider time)
    {
        Cache = caches.GetCache(QueryCachingOptions.CacheName);
        _options = options.Value;
        _time = time;
        _markerOptions = _options.BoundDistributedWaits(new(TimeSpan.FromHours(1)));
        _expireOptions = _options.BoundDistributedWaits(new() { IsFailSafeEnabled = true });
    }

    private readonly ConcurrentDictionary<Type, QueryCacheKeys> _keys = new();

    public IFusionCache Cache { get; }

    /// <summary>The keys of a query type, made once: the caching behavior and invalidation share them.</summary>
    public QueryCacheKeys KeysOf(MessageDescriptor query) => _keys.GetOrAdd(query.MessageType, static (_, q) => new QueryCacheKeys(q), query);

    /// <summary>FusionCache entry options for a policy; <paramref name="refresh"/> skips reads so the handler runs and overwrites the entry.</summary>
    public FusionCacheEntryOptions EntryOptions(QueryCachePolicy policy, bool refresh = false) => _options.BoundDistributedWaits(new(policy.Duration)
    {
        EagerRefreshThreshold = policy.EagerRefreshThreshold,
        IsFailSafeEnabled = policy.FailSafeMaxDuration is not null,
        FailSafeMaxDuration = policy.FailSafeMaxDuration ?? policy.Duration,
        FailSafeThrottleDuration = _options.FailSafeThrottleDuration,
        AllowBackgroundDistributedCacheOperations = true,
        SkipMemoryCacheRead = refresh,
        SkipDistributedCacheRead = refresh,
    });

    public void Dispose() => Cache.Dispose();

    /// <summary>Invalidates one entry by key.</summary>
    public async ValueTask InvalidateKeyAsync(string key, CancellationToken cancellationToken)
    {
        await MarkAsync(KeyMarker(key), cancellationToken).ConfigureAwait(false);
        await Cache.ExpireAsync(key, _expireOptions, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Invalidates every entry carrying any of the tags (in their stored, hashed form).</summary>
    public async ValueTask InvalidateTagsAsync(IReadOnlyCollection<string> tags, CancellationToken cancellationToken)
    {
        foreach (var tag in tags)
        {
            await MarkAsync(TagMarker(tag), cancellationToken).ConfigureAwait(false);
        }

        await Cache.RemoveByTagAsync(tags, token: cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Whether the entry was invalidated — by key or by one of its tags — at or after <paramref name="since"/>.</summary>
    public async ValueTask<bool> InvalidatedSinceAsync(DateTimeOffset since, string key, string[] tags, CancellationToken cancellationToken)
    {
        var sinceMs = since.ToUnixTimeMilliseconds();
        if (await MarkedAtAsync(KeyMarker(key), cancellationToken).ConfigureAwait(false) >= sinceMs)
        {
            return true;
        }

        foreach (var tag in tags)
        {
            if (await MarkedAtAsync(TagMarker(tag), cancellationToken).ConfigureAwait(false) >= sinceMs)
            {
                return true;
            }
        }

        return false;
    }

    private static string KeyMarker(string key) => "inv:k:" + key;

    private static string TagMarker(string tag) => "inv:t:" + tag;

    // Markers are written before the entries are invalidated, so a handler run that finishes in
    // between already sees them.
    private ValueTask MarkAsync(string marker, CancellationToken cancellationToken) =>
        Cache.SetAsync(marker, _time.GetUtcNow().ToUnixTimeMilliseconds(), _markerOptions, token: cancellationToken);

    private ValueTask<long> MarkedAtAsync(string marker, CancellationToken cancellationToken) =>
        Cache.GetOrDefaultAsync(marker, 0L, _markerOptions, cancellationToken);
}
