using System.Text.Json.Nodes;
using ServerlessCqrs.Diagnostics;
using ServerlessCqrs.Observability;
using static ServerlessCqrs.Ops.OpenObserve.OpenObserveNames;

namespace ServerlessCqrs.Ops.OpenObserve.Provisioning;

/// <summary>
/// The plan's five alerts and the process managers' two as OpenObserve v2 alerts, and the webhook they notify. Rates, percentiles and the
/// hit rate are PromQL over the product's metrics (OpenObserve compares each series with the condition and
/// fires when at least one does); a dead letter is SQL over the event log stream, because a counter's first
/// increase is invisible to PromQL and the first dead letter must not be.
/// </summary>
internal static class AlertCatalog
{
    /// <summary>The alerts' destination.</summary>
    public const string DestinationName = "cqrs_alerts_webhook";

    /// <summary>The body the destination posts.</summary>
    public const string TemplateName = "cqrs_alert_webhook";

    private const string Tag = "cqrs";

    /// <summary>The webhook template and the destination that posts it to <paramref name="url"/>.</summary>
    public static (NamedBody Template, NamedBody Destination) Alerting(Uri url)
    {
        ArgumentNullException.ThrowIfNull(url);
        var template = new NamedBody(TemplateName, new JsonObject
        {
            ["name"] = TemplateName,
            ["type"] = "http",
            ["title"] = "",
            ["body"] = """{"alert":"{alert_name}","stream":"{stream_name}","type":"{alert_type}","count":"{alert_count}","start":"{alert_start_time}","end":"{alert_end_time}","url":"{alert_url}","rows":"{rows}"}""",
        });
        var destination = new NamedBody(DestinationName, new JsonObject
        {
            ["name"] = DestinationName,
            ["type"] = "http",
            ["url"] = url.ToString(),
            ["method"] = "post",
            ["skip_tls_verify"] = false,
            ["headers"] = new JsonObject { ["Content-Type"] = "application/json" },
            ["template"] = TemplateName,
        });
        return (template, destination);
    }

    /// <summary>The process timeouts an hour above which something upstream is failing (payments not arriving, say), not just customers walking away.</summary>
    public const int TimeoutsPerHourLimit = 10;

    /// <summary>The seven alerts, notifying <paramref name="destination"/>.</summary>
    public static IReadOnlyList<NamedBody> Create(OpenObserveSettings settings, string destination)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return
        [
            PromQl("cqrs_command_error_rate_high", "Command error rate above 1% over 5 minutes (commands whose handler threw).",
                Metric(CqrsDiagnostics.Instruments.Commands), CqrsQueries.CommandErrorRate("5m"), ">", 0.01, periodMinutes: 5, priority: 1, destination),
            PromQl("cqrs_command_p95_latency_high", "Command p95 above 500 ms over 10 minutes.",
                Buckets(CqrsDiagnostics.Instruments.CommandDuration), CqrsQueries.P95(CqrsDiagnostics.Instruments.CommandDuration, "10m"), ">", 500, periodMinutes: 10, priority: 2, destination),
            PromQl("cqrs_query_p95_latency_high", "Query p95 above 300 ms over 10 minutes.",
                Buckets(CqrsDiagnostics.Instruments.QueryDuration), CqrsQueries.P95(CqrsDiagnostics.Instruments.QueryDuration, "10m"), ">", 300, periodMinutes: 10, priority: 2, destination),
            PromQl("cqrs_query_cache_hit_rate_low", "Query cache hit rate below 50% over 15 minutes (stale answers count as hits; no-store queries are not lookups).",
                Metric(CqrsDiagnostics.Instruments.QueryCacheRequests), CqrsQueries.QueryCacheHitRate("15m"), "<", 0.5, periodMinutes: 15, priority: 3, destination),
            Alert("cqrs_event_dead_lettered", "An event was dead-lettered in the last minute: list it with `cqrs-ops deadletters list`.",
                "logs", Stream(settings.EventsStream),
                new JsonObject { ["type"] = "sql", ["sql"] = CqrsQueries.DeadLetteredEvents(settings.EventsStream) },
                periodMinutes: 1, priority: 1, destination,
                rowTemplate: $"{{{Field(CqrsDiagnostics.LogFields.Type)}}}: {{dead_letters}} dead-lettered ({{{Field(CqrsDiagnostics.LogFields.Reason)}}})"),
            PromQl("cqrs_process_timeouts_high", $"More than {TimeoutsPerHourLimit} process timeouts in the last hour, for one process.",
                Metric(CqrsDiagnostics.Instruments.ProcessesTimedOut), CqrsQueries.ProcessCount(CqrsDiagnostics.Instruments.ProcessesTimedOut, "1h"), ">", TimeoutsPerHourLimit,
                periodMinutes: 60, priority: 2, destination),
            PromQl("cqrs_process_timeouts_overdue", "Process timeouts are overdue past the grace period: list them with `cqrs-ops timeouts list --overdue`.",
                Metric(CqrsDiagnostics.Instruments.ProcessTimeoutsOverdue), CqrsQueries.OverdueTimeouts, ">", 0, periodMinutes: 10, priority: 1, destination),
        ];
    }

    private static NamedBody PromQl(
        string name, string description, string stream, string promQl, string comparison, double value, int periodMinutes, int priority, string destination) =>
        Alert(name, description, "metrics", stream, new JsonObject
        {
            ["type"] = "promql",
            ["promql"] = promQl,
            ["promql_condition"] = new JsonObject { ["column"] = "value", ["operator"] = comparison, ["value"] = value },
        }, periodMinutes, priority, destination, rowTemplate: null);

    private static NamedBody Alert(
        string name, string description, string streamType, string stream, JsonObject query, int periodMinutes, int priority, string destination, string? rowTemplate)
    {
        var body = new JsonObject
        {
            ["name"] = name,
            ["description"] = description,
            ["stream_type"] = streamType,
            ["stream_name"] = stream,
            ["is_real_time"] = false,
            ["enabled"] = true,
            ["query_condition"] = query,
            // The condition is in the query: one series or row that meets it is enough.
            ["trigger_condition"] = new JsonObject
            {
                ["period"] = periodMinutes,
                ["operator"] = ">=",
                ["threshold"] = 1,
                ["frequency"] = 1,
                ["frequency_type"] = "minutes",
                ["silence"] = 10,
            },
            ["destinations"] = new JsonArray(destination),
            ["priority"] = priority,
            ["tags"] = new JsonArray(Tag),
        };
        if (rowTemplate is not null)
        {
            body["row_template"] = rowTemplate;
        }

        return new NamedBody(name, body);
    }
}
