using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Logs;
using ServerlessCqrs.Diagnostics;

namespace ServerlessCqrs.Observability;

/// <summary>
/// Sends each log record to the OpenObserve stream of its bus — command, query and event records
/// (by <see cref="CqrsDiagnostics.LogCategories"/>) to their own streams, everything else to the
/// organization's default stream — through one batching OTLP exporter per stream. A composite, so
/// the SDK hands every exporter the resource and flushes and shuts them all down.
/// </summary>
internal sealed class LogStreamRouter : CompositeProcessor<LogRecord>
{
    private readonly (string Category, BaseProcessor<LogRecord> Processor)[] _routes;
    private readonly BaseProcessor<LogRecord> _other;

    public LogStreamRouter(OpenObserveSettings settings)
        : this(
            [
                (CqrsDiagnostics.LogCategories.Commands, Batch(settings, settings.CommandsStream)),
                (CqrsDiagnostics.LogCategories.Queries, Batch(settings, settings.QueriesStream)),
                (CqrsDiagnostics.LogCategories.Events, Batch(settings, settings.EventsStream)),
            ],
            Batch(settings, stream: null))
    {
    }

    private LogStreamRouter((string Category, BaseProcessor<LogRecord> Processor)[] routes, BaseProcessor<LogRecord> other)
        : base([.. routes.Select(r => r.Processor), other])
    {
        _routes = routes;
        _other = other;
    }

    public override void OnEnd(LogRecord data)
    {
        ArgumentNullException.ThrowIfNull(data);
        RouteOf(data.CategoryName).OnEnd(data);
    }

    /// <summary>A category belongs to a bus when it is the bus's category or one below it (<c>ServerlessCqrs.Events.EventDispatcher</c>).</summary>
    internal BaseProcessor<LogRecord> RouteOf(string? category)
    {
        foreach (var (prefix, processor) in _routes)
        {
            if (category is not null && category.StartsWith(prefix, StringComparison.Ordinal)
                && (category.Length == prefix.Length || category[prefix.Length] == '.'))
            {
                return processor;
            }
        }

        return _other;
    }

    private static BatchLogRecordExportProcessor Batch(OpenObserveSettings settings, string? stream) => new(
        new OtlpLogExporter(OtlpHttp.Options(settings, "logs", stream)),
        maxQueueSize: 2048,
        scheduledDelayMilliseconds: (int)settings.FlushInterval.TotalMilliseconds,
        exporterTimeoutMilliseconds: (int)settings.Timeout.TotalMilliseconds,
        maxExportBatchSize: settings.BatchSize);
}
