namespace ServerlessCqrs.Caching;

/// <summary>
/// Caches a query's successful results. Each setting can be overridden from configuration under
/// <c>Cqrs:Caching:Queries:{QueryName}</c>; queries without this attribute or such a section are not cached.
/// </summary>
/// <remarks>
/// The cache key is the query's name and the canonical JSON of its fields, so everything a result
/// depends on must be a field of the query: a handler of a cached query must not read the caller's
/// identity from elsewhere.
/// </remarks>
/// <param name="durationSeconds">How long a result stays fresh. 0 means no-store: never read from or written to the cache.</param>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Struct, Inherited = false)]
public sealed class QueryCacheAttribute(int durationSeconds) : Attribute
{
    /// <summary>How long a result stays fresh; 0 means no-store.</summary>
    public int DurationSeconds { get; } = durationSeconds;

    /// <summary>
    /// Stale-while-revalidate: the fraction of the duration (between 0 and 1, exclusive) after which a
    /// read returns the cached result at once and refreshes it in the background. 0 (default) turns it off.
    /// </summary>
    public double EagerRefreshThreshold { get; set; }

    /// <summary>
    /// Fail-safe: when the handler fails, serve the last good result if it is at most this old (seconds),
    /// marked stale. 0 (default) turns it off.
    /// </summary>
    public int FailSafeMaxSeconds { get; set; }

    /// <summary>Tags every result of this query carries, to invalidate them together.</summary>
    public string[] Tags { get; set; } = [];

    /// <summary>
    /// Caches results per user as well as per tenant, for a query whose handler decides from the caller what
    /// it may see (its own orders, say): a hit never skips that decision for another user. Invalidation by
    /// tag still reaches every user's entry.
    /// </summary>
    public bool VaryByUser { get; set; }
}
