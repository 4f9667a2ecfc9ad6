using ServerlessCqrs.Diagnostics;
using static ServerlessCqrs.Ops.OpenObserve.OpenObserveNames;

namespace ServerlessCqrs.Ops.OpenObserve.Provisioning;

/// <summary>
/// The PromQL and SQL the alerts and dashboards run, every metric, label, stream and field taken from
/// <see cref="CqrsDiagnostics"/> and named the way OpenObserve stores it, so a renamed instrument changes
/// the queries with it. A fault (a handler that threw) is an error; an expected failure (validation, not
/// found, conflict, rule violation) is the caller's and not counted as one.
/// </summary>
internal static class CqrsQueries
{
    private static readonly string TypeLabel = Field(CqrsDiagnostics.Tags.MessageType);
    private static readonly string OutcomeLabel = Field(CqrsDiagnostics.Tags.Outcome);
    private static readonly string CacheOutcomeLabel = Field(CqrsDiagnostics.Tags.CacheOutcome);
    private static readonly string ReasonLabel = Field(CqrsDiagnostics.Tags.DeadLetterReason);
    private static readonly string ProcessLabel = Field(CqrsDiagnostics.Tags.Process);
    private const string Served = $"{CqrsDiagnostics.CacheOutcomes.Hit}|{CqrsDiagnostics.CacheOutcomes.Stale}";
    private const string Looked = $"{Served}|{CqrsDiagnostics.CacheOutcomes.Miss}";

    /// <summary>The share of commands that faulted over <paramref name="window"/>.</summary>
    public static string CommandErrorRate(string window) => Share(Metric(CqrsDiagnostics.Instruments.Commands), $"{OutcomeLabel}=\"{CqrsDiagnostics.Outcomes.Fault}\"", window);

    /// <summary>The share of commands that succeeded over <paramref name="window"/>.</summary>
    public static string CommandSuccessRate(string window) => Share(Metric(CqrsDiagnostics.Instruments.Commands), $"{OutcomeLabel}=\"{CqrsDiagnostics.Outcomes.Success}\"", window);

    /// <summary>Commands per second by type.</summary>
    public static string CommandRate(string window) => RateByType(Metric(CqrsDiagnostics.Instruments.Commands), window);

    /// <summary>Queries per second by type.</summary>
    public static string QueryRate(string window) => RateByType(Metric(CqrsDiagnostics.Instruments.Queries), window);

    /// <summary>Events handed to the transport per second by type.</summary>
    public static string EventPublishRate(string window) => RateByType(Metric(CqrsDiagnostics.Instruments.EventsPublished), window);

    /// <summary>
    /// The share of cached-query lookups the cache answered (fresh or stale) over <paramref name="window"/>;
    /// bypasses (a cache time of 0) are not lookups.
    /// </summary>
    public static string QueryCacheHitRate(string window)
    {
        var requests = Metric(CqrsDiagnostics.Instruments.QueryCacheRequests);
        return $"sum(rate({requests}{{{CacheOutcomeLabel}=~\"{Served}\"}}[{window}])) / sum(rate({requests}{{{CacheOutcomeLabel}=~\"{Looked}\"}}[{window}]))";
    }

    /// <summary>The 95th percentile of a duration histogram (milliseconds), overall or by message type.</summary>
    public static string P95(string histogram, string window, bool byType = false) =>
        $"histogram_quantile(0.95, sum by ({BucketBound}{(byType ? ", " + TypeLabel : "")}) (rate({Buckets(histogram)}[{window}])))";

    /// <summary>Events dead-lettered per type and reason over <paramref name="window"/>.</summary>
    public static string DeadLetterCount(string window) =>
        $"sum by ({TypeLabel}, {ReasonLabel}) (increase({Metric(CqrsDiagnostics.Instruments.EventsDeadLettered)}[{window}]))";

    /// <summary>One row per event type and reason that was dead-lettered, from the event log stream (what the dispatcher logs when it dead-letters).</summary>
    public static string DeadLetteredEvents(string eventsStream) =>
        $"SELECT \"{Field(CqrsDiagnostics.LogFields.Type)}\", \"{Field(CqrsDiagnostics.LogFields.Reason)}\", COUNT(*) AS dead_letters " +
        $"FROM \"{Stream(eventsStream)}\" WHERE \"{Field(CqrsDiagnostics.LogFields.Reason)}\" IS NOT NULL " +
        $"GROUP BY \"{Field(CqrsDiagnostics.LogFields.Type)}\", \"{Field(CqrsDiagnostics.LogFields.Reason)}\"";

    /// <summary>The latest dead letters from the event log stream, newest first.</summary>
    public static string LatestDeadLetters(string eventsStream) =>
        $"SELECT _timestamp, \"{Field(CqrsDiagnostics.LogFields.Type)}\", \"{Field(CqrsDiagnostics.LogFields.Id)}\", \"{Field(CqrsDiagnostics.LogFields.Reason)}\", " +
        $"\"{Field(CqrsDiagnostics.LogFields.DeliveryAttempt)}\", \"{Field(CqrsDiagnostics.LogFields.Description)}\" " +
        $"FROM \"{Stream(eventsStream)}\" WHERE \"{Field(CqrsDiagnostics.LogFields.Reason)}\" IS NOT NULL ORDER BY _timestamp DESC LIMIT 100";

    /// <summary>How many of a process counter (<paramref name="counter"/>: started, completed, timed out) rose per process over <paramref name="window"/>.</summary>
    public static string ProcessCount(string counter, string window) =>
        $"sum by ({ProcessLabel}) (increase({Metric(counter)}[{window}]))";

    /// <summary>Timeouts past due by more than the grace period, as the last audit counted them (the highest any instance reports).</summary>
    public static string OverdueTimeouts => $"max({Metric(CqrsDiagnostics.Instruments.ProcessTimeoutsOverdue)})";

    /// <summary>The legend that names a series by process.</summary>
    public static string ByProcessLegend => $"{{{ProcessLabel}}}";

    /// <summary>The legend that names a series by message type.</summary>
    public static string ByTypeLegend => $"{{{TypeLabel}}}";

    /// <summary>The legend that names a series by message type and dead-letter reason.</summary>
    public static string ByTypeAndReasonLegend => $"{{{TypeLabel}}} {{{ReasonLabel}}}";

    private static string RateByType(string counter, string window) => $"sum by ({TypeLabel}) (rate({counter}[{window}]))";

    private static string Share(string counter, string matcher, string window) =>
        $"sum(rate({counter}{{{matcher}}}[{window}])) / sum(rate({counter}[{window}]))";
}
