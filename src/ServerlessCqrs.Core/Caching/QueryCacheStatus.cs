namespace ServerlessCqrs.Caching;

/// <summary>
/// How the cache answered one query. The caching behavior puts it in the dispatch's
/// <see cref="Pipeline.MessageContext.Features"/>, where telemetry, logging and the caller read it
/// (the HTTP edge turns it into <c>ETag</c>, <c>Age</c>, <c>Cache-Control</c> and <c>X-Cache</c>).
/// </summary>
/// <param name="Outcome">Where the result came from.</param>
/// <param name="Age">How long ago the result was produced (zero for a miss or bypass).</param>
/// <param name="Policy">The query's cache policy.</param>
/// <param name="FailSafe">Whether the handler failed and an older result was served instead.</param>
/// <param name="ETag">The strong validator of the result served, made when it was stored; null when it was not stored.</param>
public sealed record QueryCacheStatus(CacheOutcome Outcome, TimeSpan Age, QueryCachePolicy Policy, bool FailSafe, string? ETag = null)
{
    /// <summary>Whether the handler did not run for this caller: a fresh or a stale result was served.</summary>
    public bool IsHit => Outcome is CacheOutcome.Hit or CacheOutcome.Stale;
}
