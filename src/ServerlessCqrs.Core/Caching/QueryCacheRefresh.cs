namespace ServerlessCqrs.Caching;

/// <summary>
/// A request, put in a dispatch's features, that the caching behavior run the handler now and store its
/// result whatever is cached (prefetch). <see cref="IQueryCache.RefreshAsync"/> sends one.
/// </summary>
public sealed class QueryCacheRefresh
{
    private QueryCacheRefresh()
    {
    }

    /// <summary>The request; it carries nothing else.</summary>
    public static QueryCacheRefresh Requested { get; } = new();
}
