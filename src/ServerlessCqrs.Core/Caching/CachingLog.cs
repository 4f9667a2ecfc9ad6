using Microsoft.Extensions.Logging;
using ServerlessCqrs.Diagnostics;

namespace ServerlessCqrs.Caching;

/// <summary>Log events of the query cache. Keys, tags and values are never logged.</summary>
internal static partial class CachingLog
{
    [LoggerMessage(EventId = CqrsLogEvents.Caching.QueryCacheFailSafe, EventName = nameof(CqrsLogEvents.Caching.QueryCacheFailSafe), Level = LogLevel.Warning,
        Message = "query {type} failed in {handler}; served a cached result {ageMs} ms old instead (fail-safe)")]
    public static partial void FailSafe(ILogger logger, string type, string handler, double ageMs);

    [LoggerMessage(EventId = CqrsLogEvents.Caching.QueryCacheKeepWarmFailed, EventName = nameof(CqrsLogEvents.Caching.QueryCacheKeepWarmFailed), Level = LogLevel.Warning,
        Message = "query {type} could not be kept warm: {errorCode}")]
    public static partial void KeepWarmFailed(ILogger logger, Exception? exception, string type, string errorCode);
}
