using ServerlessCqrs.Diagnostics;
using ServerlessCqrs.Observability;
using static ServerlessCqrs.Ops.OpenObserve.OpenObserveNames;

namespace ServerlessCqrs.Ops.OpenObserve.Provisioning;

/// <summary>The commands, queries, events and processes dashboards, over the product's metrics and event log stream.</summary>
internal static class DashboardCatalog
{
    private const string Window = "5m";
    private const string Hour = "1h";
    private const string Provisioned = " Provisioned by cqrs-ops; the next provisioning overwrites edits.";

    public static IReadOnlyList<NamedBody> Create(OpenObserveSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var commands = Metric(CqrsDiagnostics.Instruments.Commands);
        var queries = Metric(CqrsDiagnostics.Instruments.Queries);
        return
        [
            new DashboardBuilder("CQRS Commands", "Command throughput, success, latency and errors." + Provisioned)
                .PromQl("Commands per second by type", "Rate of handled commands over 5 minutes.", "line", commands, CqrsQueries.CommandRate(Window), CqrsQueries.ByTypeLegend, "default")
                .PromQl("Command success rate", "Share of commands that succeeded over 5 minutes.", "metric", commands, CqrsQueries.CommandSuccessRate(Window), "", "percent-1")
                .PromQl("Command p95 by type (ms)", "95th percentile of handling time over 5 minutes (target: under 500 ms).", "line",
                    Buckets(CqrsDiagnostics.Instruments.CommandDuration), CqrsQueries.P95(CqrsDiagnostics.Instruments.CommandDuration, Window, byType: true), CqrsQueries.ByTypeLegend, "milliseconds")
                .PromQl("Command error rate", "Share of commands whose handler threw, over 5 minutes (alert above 1%).", "line", commands, CqrsQueries.CommandErrorRate(Window), "", "percent-1")
                .Build(),
            new DashboardBuilder("CQRS Queries", "Query throughput, cache hit rate and latency." + Provisioned)
                .PromQl("Queries per second by type", "Rate of answered queries over 5 minutes.", "line", queries, CqrsQueries.QueryRate(Window), CqrsQueries.ByTypeLegend, "default")
                .PromQl("Query cache hit rate", "Share of cached-query lookups answered from the cache, fresh or stale, over 5 minutes (alert below 50%).", "line",
                    Metric(CqrsDiagnostics.Instruments.QueryCacheRequests), CqrsQueries.QueryCacheHitRate(Window), "", "percent-1")
                .PromQl("Query p95 by type (ms)", "95th percentile of handling time over 5 minutes (target: under 300 ms).", "line",
                    Buckets(CqrsDiagnostics.Instruments.QueryDuration), CqrsQueries.P95(CqrsDiagnostics.Instruments.QueryDuration, Window, byType: true), CqrsQueries.ByTypeLegend, "milliseconds")
                .Build(),
            new DashboardBuilder("CQRS Events", "Events published, handling latency and dead letters." + Provisioned)
                .PromQl("Events published per second by type", "Rate of events handed to the transport over 5 minutes.", "line",
                    Metric(CqrsDiagnostics.Instruments.EventsPublished), CqrsQueries.EventPublishRate(Window), CqrsQueries.ByTypeLegend, "default")
                .PromQl("Event handling p95 by type (ms)", "95th percentile of one handler's time over 5 minutes.", "line",
                    Buckets(CqrsDiagnostics.Instruments.EventHandleDuration), CqrsQueries.P95(CqrsDiagnostics.Instruments.EventHandleDuration, Window, byType: true), CqrsQueries.ByTypeLegend, "milliseconds")
                .PromQl("Dead letters by type and reason", "Events dead-lettered in each 5 minutes.", "bar",
                    Metric(CqrsDiagnostics.Instruments.EventsDeadLettered), CqrsQueries.DeadLetterCount(Window), CqrsQueries.ByTypeAndReasonLegend, "default")
                .Sql("Latest dead letters", "The newest dead letters from the event log; replay with cqrs-ops deadletters replay.", "table",
                    Stream(settings.EventsStream), CqrsQueries.LatestDeadLetters(settings.EventsStream))
                .Build(),
            new DashboardBuilder("CQRS Processes", "Process managers started, completed and timed out, and timeouts overdue." + Provisioned)
                .PromQl("Processes started per hour", "Process instances started in each hour, by process.", "bar",
                    Metric(CqrsDiagnostics.Instruments.ProcessesStarted), CqrsQueries.ProcessCount(CqrsDiagnostics.Instruments.ProcessesStarted, Hour), CqrsQueries.ByProcessLegend, "default")
                .PromQl("Processes completed per hour", "Process instances completed in each hour, by process.", "bar",
                    Metric(CqrsDiagnostics.Instruments.ProcessesCompleted), CqrsQueries.ProcessCount(CqrsDiagnostics.Instruments.ProcessesCompleted, Hour), CqrsQueries.ByProcessLegend, "default")
                .PromQl("Timeouts per hour", "Timeouts that came due and were handled in each hour, by process (alert above 10 an hour).", "line",
                    Metric(CqrsDiagnostics.Instruments.ProcessesTimedOut), CqrsQueries.ProcessCount(CqrsDiagnostics.Instruments.ProcessesTimedOut, Hour), CqrsQueries.ByProcessLegend, "default")
                .PromQl("Overdue timeouts", "Timeouts past due by more than the grace period; list them with cqrs-ops timeouts list --overdue.", "metric",
                    Metric(CqrsDiagnostics.Instruments.ProcessTimeoutsOverdue), CqrsQueries.OverdueTimeouts, "", "default")
                .Build(),
        ];
    }
}
