namespace ServerlessCqrs.Caching;

/// <summary>
/// Invalidates and warms cached query results. Invalidations reach every instance (through the Redis
/// backplane when configured), and a handler run that started before an invalidation never stores its
/// result after it.
/// </summary>
public interface IQueryCache
{
    /// <summary>Invalidates the cached result of exactly this query (same name, same field values).</summary>
    ValueTask InvalidateAsync(object query, CancellationToken cancellationToken = default);

    /// <summary>Invalidates every cached result of the query type named <paramref name="queryName"/>.</summary>
    ValueTask InvalidateQueryTypeAsync(string queryName, CancellationToken cancellationToken = default);

    /// <summary>Invalidates every cached result carrying any of <paramref name="tags"/>.</summary>
    ValueTask InvalidateTagsAsync(IEnumerable<string> tags, CancellationToken cancellationToken = default);

    /// <summary>
    /// Prefetch: runs the query's handler now, through the pipeline, and stores a successful result
    /// whatever is cached. Returns the handler's result.
    /// </summary>
    ValueTask<Result<object?>> RefreshAsync(object query, CancellationToken cancellationToken = default);
}
