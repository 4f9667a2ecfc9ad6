using ServerlessCqrs.Diagnostics;

namespace ServerlessCqrs.Caching;

/// <summary>Where a query's result came from.</summary>
public enum CacheOutcome
{
    /// <summary>The handler ran for this call (or for a concurrent identical call it shared).</summary>
    Miss,

    /// <summary>A fresh result from the cache.</summary>
    Hit,

    /// <summary>A cached result past its refresh point (being refreshed in the background) or, under fail-safe, past its duration.</summary>
    Stale,

    /// <summary>A no-store query: the cache was neither read nor written.</summary>
    Bypass,
}

/// <summary>The telemetry value of a <see cref="CacheOutcome"/>.</summary>
public static class CacheOutcomeExtensions
{
    /// <summary>The <see cref="CqrsDiagnostics.Tags.CacheOutcome"/> value: hit, stale, miss or bypass.</summary>
    public static string ToTagValue(this CacheOutcome outcome) => outcome switch
    {
        CacheOutcome.Hit => CqrsDiagnostics.CacheOutcomes.Hit,
        CacheOutcome.Stale => CqrsDiagnostics.CacheOutcomes.Stale,
        CacheOutcome.Bypass => CqrsDiagnostics.CacheOutcomes.Bypass,
        _ => CqrsDiagnostics.CacheOutcomes.Miss,
    };
}
