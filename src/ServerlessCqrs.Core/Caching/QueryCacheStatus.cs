namespace ServerlessCqrs.Caching;

/// <summary>How the cache answered one query; hosts turn it into response headers.</summary>
/// <param name="Outcome">Where the result came from.</param>
/// <param name="Age">How long ago the result was produced (zero for a miss or bypass).</param>
/// <param name="Policy">The query's cache policy.</param>
/// <param name="FailSafe">Whether the handler failed and an older result was served instead.</param>
public readonly record struct QueryCacheStatus(CacheOutcome Outcome, TimeSpan Age, QueryCachePolicy Policy, bool FailSafe)
{
    /// <summary>The strong validator of the result served, made when it was stored; null when it was not stored.</summary>
    public string? ETag { get; init; }
}

/// <summary>
/// The cache status of the last cached query run in this scope (an HTTP request, a function
/// invocation). Scoped; the caching behavior sets it, hosts read it after dispatch.
/// </summary>
public sealed class QueryCacheStatusAccessor
{
    /// <summary>The status, or <see langword="null"/> when no cached query ran in this scope.</summary>
    public QueryCacheStatus? Status { get; internal set; }
}
