namespace ServerlessCqrs.Pipeline;

/// <summary>
/// The names of the built-in behaviors, in the order they wrap a handler, outermost first. Place yours
/// relative to them with <see cref="PipelinePosition"/>.
/// </summary>
/// <remarks>
/// Commands: telemetry, logging, authorization, validation, resilience. Queries: the same with caching between
/// validation and resilience, so a hit skips the handler and its retries but never authorization. Event
/// handlers: telemetry, logging, resilience.
/// </remarks>
public static class PipelineStages
{
    /// <summary>A span, the duration histogram and the counters of each message.</summary>
    public const string Telemetry = "Telemetry";

    /// <summary>One structured log record per message.</summary>
    public const string Logging = "Logging";

    /// <summary>
    /// <c>[Authorize]</c> on the message type, or the fallback policy, for the caller; a refused message never
    /// reaches what follows (not even the cache).
    /// </summary>
    public const string Authorization = "Authorization";

    /// <summary>DataAnnotations rules of commands and queries; an invalid message never reaches what follows.</summary>
    public const string Validation = "Validation";

    /// <summary>The query cache: a hit answers here.</summary>
    public const string Caching = "Caching";

    /// <summary>Retries of transient failures within an attempt timeout and a total timeout.</summary>
    public const string Resilience = "Resilience";

    /// <summary>Every stage, outermost first.</summary>
    internal static readonly string[] All = [Telemetry, Logging, Authorization, Validation, Caching, Resilience];
}
