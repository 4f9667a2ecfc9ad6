using Microsoft.Extensions.Logging;
using ServerlessCqrs.Diagnostics;

namespace ServerlessCqrs.Pipeline.Behaviors;

/// <summary>
/// Log events of the pipeline. Field names follow the plan: bus, type, id, status, handler,
/// durationMs, retryCount, errorCode. Payloads are never logged.
/// </summary>
internal static partial class PipelineLog
{
    /// <summary>Logger categories, one per bus, so each can be routed to its own stream.</summary>
    public static readonly string[] Categories = [CqrsDiagnostics.LogCategories.Commands, CqrsDiagnostics.LogCategories.Queries, CqrsDiagnostics.LogCategories.Events];

    [LoggerMessage(EventId = CqrsLogEvents.Pipeline.MessageHandled, EventName = nameof(CqrsLogEvents.Pipeline.MessageHandled), Level = LogLevel.Information,
        Message = "{bus} {type} handled by {handler} in {durationMs} ms: {status} after {retryCount} retries")]
    public static partial void Handled(
        ILogger logger, string bus, string type, string? id, string handler, double durationMs, string status, int retryCount);

    [LoggerMessage(EventId = CqrsLogEvents.Pipeline.QueryHandled, EventName = nameof(CqrsLogEvents.Pipeline.QueryHandled), Level = LogLevel.Information,
        Message = "{bus} {type} handled by {handler} in {durationMs} ms: {status}, cache hit {cacheHit}, after {retryCount} retries")]
    public static partial void QueryHandled(
        ILogger logger, string bus, string type, string? id, string handler, double durationMs, string status, bool cacheHit, int retryCount);

    [LoggerMessage(EventId = CqrsLogEvents.Pipeline.MessageRejected, EventName = nameof(CqrsLogEvents.Pipeline.MessageRejected), Level = LogLevel.Information,
        Message = "{bus} {type} rejected by {handler} in {durationMs} ms: {status} {errorCode} after {retryCount} retries")]
    public static partial void Rejected(
        ILogger logger, string bus, string type, string? id, string handler, double durationMs, string status, string errorCode, int retryCount);

    [LoggerMessage(EventId = CqrsLogEvents.Pipeline.MessageFailed, EventName = nameof(CqrsLogEvents.Pipeline.MessageFailed), Level = LogLevel.Error,
        Message = "{bus} {type} failed in {handler} after {durationMs} ms and {retryCount} retries: {errorCode}")]
    public static partial void Failed(
        ILogger logger, Exception exception, string bus, string type, string? id, string handler, double durationMs, string errorCode, int retryCount);

    [LoggerMessage(EventId = CqrsLogEvents.Pipeline.MessageRetrying, EventName = nameof(CqrsLogEvents.Pipeline.MessageRetrying), Level = LogLevel.Warning,
        Message = "{bus} {type} attempt {attempt} failed in {handler} with {errorCode}; retrying in {delayMs} ms")]
    public static partial void Retrying(
        ILogger logger, string bus, string type, string? id, string handler, int attempt, string errorCode, double delayMs);
}
