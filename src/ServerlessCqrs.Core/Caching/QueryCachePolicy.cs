namespace ServerlessCqrs.Caching;

/// <summary>How one query type is cached: the attribute's values with configuration applied over them.</summary>
/// <param name="Duration">How long a result stays fresh; zero means no-store.</param>
/// <param name="EagerRefreshThreshold">The fraction of <paramref name="Duration"/> after which reads refresh in the background, or <see langword="null"/>.</param>
/// <param name="FailSafeMaxDuration">How old a result may be and still be served when the handler fails, or <see langword="null"/>.</param>
/// <param name="Tags">Tags every result carries.</param>
/// <param name="VaryByUser">Whether results are cached per user as well as per tenant.</param>
public sealed record QueryCachePolicy(
    TimeSpan Duration, float? EagerRefreshThreshold, TimeSpan? FailSafeMaxDuration, IReadOnlyList<string> Tags, bool VaryByUser = false)
{
    /// <summary>Whether results are never read from or written to the cache.</summary>
    public bool IsNoStore => Duration == TimeSpan.Zero;
}
