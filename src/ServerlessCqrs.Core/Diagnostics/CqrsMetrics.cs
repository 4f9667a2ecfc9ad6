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
        Commands = meter.CreateCounter<long>(CqrsDiagnostics.Instruments.Commands, CqrsDiagnostics.Units.Commands, "Commands handled, by outcome.");
        CommandRetries = meter.CreateCounter<long>(CqrsDiagnostics.Instruments.CommandRetries, CqrsDiagnostics.Units.Retries, "Retries commands needed.");
        Queries = meter.CreateCounter<long>(CqrsDiagnostics.Instruments.Queries, CqrsDiagnostics.Units.Queries, "Queries answered, by outcome and cache outcome.");
        EventsPublished = meter.CreateCounter<long>(CqrsDiagnostics.Instruments.EventsPublished, CqrsDiagnostics.Units.Events, "Events handed to the transport.");
        EventsHandled = meter.CreateCounter<long>(CqrsDiagnostics.Instruments.EventsHandled, CqrsDiagnostics.Units.Events, "Event handler runs, by handler and outcome.");
        EventsDeadLettered = meter.CreateCounter<long>(CqrsDiagnostics.Instruments.EventsDeadLettered, CqrsDiagnostics.Units.Events, "Events dead-lettered, by reason.");
        QueryCacheRequests = meter.CreateCounter<long>(
            CqrsDiagnostics.Instruments.QueryCacheRequests, CqrsDiagnostics.Units.Requests,
            "Cached-query lookups by outcome (hit, stale, miss, bypass).");
        QueryCacheFailSafeActivations = meter.CreateCounter<long>(
            CqrsDiagnostics.Instruments.QueryCacheFailSafeActivations, CqrsDiagnostics.Units.Activations,
            "Times a query handler failed and an older cached result was served instead.");
        ProcessesStarted = meter.CreateCounter<long>(CqrsDiagnostics.Instruments.ProcessesStarted, CqrsDiagnostics.Units.Processes, "Process instances started.");
        ProcessesCompleted = meter.CreateCounter<long>(CqrsDiagnostics.Instruments.ProcessesCompleted, CqrsDiagnostics.Units.Processes, "Process instances completed.");
        ProcessesTimedOut = meter.CreateCounter<long>(
            CqrsDiagnostics.Instruments.ProcessesTimedOut, CqrsDiagnostics.Units.Timeouts, "Process timeouts that came due and were handled.");
        ProcessTimeoutsStale = meter.CreateCounter<long>(
            CqrsDiagnostics.Instruments.ProcessTimeoutsStale, CqrsDiagnostics.Units.Timeouts, "Process timeouts that arrived cancelled or superseded, and were ignored.");
        meter.CreateObservableGauge(
            CqrsDiagnostics.Instruments.ProcessTimeoutsOverdue, () => Volatile.Read(ref _overdueTimeouts), CqrsDiagnostics.Units.Timeouts,
            "Process timeouts past due by more than the grace period, at the last audit.");
    }

    private long _overdueTimeouts;

    public Counter<long> ProcessesStarted { get; }

    public Counter<long> ProcessesCompleted { get; }

    public Counter<long> ProcessesTimedOut { get; }

    public Counter<long> ProcessTimeoutsStale { get; }

    /// <summary>Sets the overdue gauge to what the last audit counted.</summary>
    public void RecordOverdueTimeouts(long count) => Volatile.Write(ref _overdueTimeouts, count);

    public Histogram<double> CommandDuration { get; }

    public Histogram<double> QueryDuration { get; }

    public Histogram<double> EventHandleDuration { get; }

    public Counter<long> Commands { get; }

    public Counter<long> CommandRetries { get; }

    public Counter<long> Queries { get; }

    public Counter<long> EventsPublished { get; }

    public Counter<long> EventsHandled { get; }

    public Counter<long> EventsDeadLettered { get; }

    public Counter<long> QueryCacheRequests { get; }

    public Counter<long> QueryCacheFailSafeActivations { get; }

    public Histogram<double> DurationOf(MessageKind kind) => kind switch
    {
        MessageKind.Command => CommandDuration,
        MessageKind.Query => QueryDuration,
        _ => EventHandleDuration,
    };

    public Counter<long> CountOf(MessageKind kind) => kind switch
    {
        MessageKind.Command => Commands,
        MessageKind.Query => Queries,
        _ => EventsHandled,
    };
}
