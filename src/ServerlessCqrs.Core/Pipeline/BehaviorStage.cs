namespace ServerlessCqrs.Pipeline;

/// <summary>Where one of your behaviors runs among the defaults (telemetry, logging, validation, caching, resilience).</summary>
public enum BehaviorStage
{
    /// <summary>
    /// Closest to the handler, inside the resilience behavior: retried with the handler, skipped when a
    /// query is answered from the cache (the default).
    /// </summary>
    Innermost,

    /// <summary>
    /// After telemetry and logging, before validation, caching and resilience: runs on every call,
    /// cache hits included — the place for authorization or tenancy checks.
    /// </summary>
    BeforeCache,
}
