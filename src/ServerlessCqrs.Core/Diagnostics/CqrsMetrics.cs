using System.Diagnostics.Metrics;

namespace ServerlessCqrs.Diagnostics;

/// <summary>The kernel's instruments, created from the host's <see cref="IMeterFactory"/>.</summary>
internal sealed class CqrsMetrics
{
    // Finer than the SDK defaults around the targets (query p95 < 300 ms, command p95 < 500 ms).
    private static readonly InstrumentAdvice<double> DurationAdvice = new()
    {
        HistogramBucketBoundaries = [1, 2, 5, 10, 25, 50, 75, 100, 150, 200, 250, 300, 400, 500, 750, 1000, 2500, 5000, 10000],
    };

    public CqrsMetrics(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(CqrsDiagnostics.MeterName);
        CommandDuration = meter.CreateHistogram(
            CqrsDiagnostics.Instruments.CommandDuration, CqrsDiagnostics.Units.Milliseconds,
            "Time to handle a command.", tags: null, DurationAdvice);
        QueryDuration = meter.CreateHistogram(
            CqrsDiagnostics.Instruments.QueryDuration, CqrsDiagnostics.Units.Milliseconds,
            "Time to handle a query.", tags: null, DurationAdvice);
        EventHandleDuration = meter.CreateHistogram(
            CqrsDiagnostics.Instruments.EventHandleDuration, CqrsDiagnostics.Units.Milliseconds,
            "Time for one handler to handle an event.", tags: null, DurationAdvice);
        QueryCacheRequests = meter.CreateCounter<long>(
            CqrsDiagnostics.Instruments.QueryCacheRequests, CqrsDiagnostics.Units.Requests,
            "Cached-query lookups by outcome (hit, stale, miss, bypass).");
        QueryCacheFailSafeActivations = meter.CreateCounter<long>(
            CqrsDiagnostics.Instruments.QueryCacheFailSafeActivations, CqrsDiagnostics.Units.Activations,
            "Times a query handler failed and an older cached result was served instead.");
    }

    public Histogram<double> CommandDuration { get; }

    public Histogram<double> QueryDuration { get; }

    public Histogram<double> EventHandleDuration { get; }

    public Counter<long> QueryCacheRequests { get; }

    public Counter<long> QueryCacheFailSafeActivations { get; }

    public Histogram<double> DurationOf(MessageKind kind) => kind switch
    {
        MessageKind.Command => CommandDuration,
        MessageKind.Query => QueryDuration,
        _ => EventHandleDuration,
    };
}
