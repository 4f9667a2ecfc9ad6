using Microsoft.Extensions.Logging;

namespace ServerlessCqrs.Caching;

/// <summary>Log events of the query cache. Keys, tags and values are never logged.</summary>
internal static partial class CachingLog
{
    [LoggerMessage(EventId = 1400, EventName = "QueryCacheFailSafe", Level = LogLevel.Warning,
        Message = "query {type} failed in {handler}; served a cached result {ageMs} ms old instead (fail-safe)")]
    public static partial void FailSafe(ILogger logger, string type, string handler, double ageMs);

    [LoggerMessage(EventId = 1401, EventName = "QueryCacheKeepWarmFailed", Level = LogLevel.Warning,
        Message = "query {type} could not be kept warm: {errorCode}")]
    public static partial void KeepWarmFailed(ILogger logger, Exception? exception, string type, string errorCode);
}
