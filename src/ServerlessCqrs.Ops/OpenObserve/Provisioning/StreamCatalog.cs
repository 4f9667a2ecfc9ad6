using ServerlessCqrs.Diagnostics;
using ServerlessCqrs.Observability;
using static ServerlessCqrs.Ops.OpenObserve.OpenObserveNames;

namespace ServerlessCqrs.Ops.OpenObserve.Provisioning;

/// <summary>
/// The log streams with the fields the product's records carry (<see cref="CqrsDiagnostics.LogFields"/> and the
/// request scope's <see cref="CqrsDiagnostics.LogScopeFields"/>), the trace stream, and metric streams for alerts.
/// </summary>
internal static class StreamCatalog
{
    private static readonly Dictionary<string, string> Types = new(StringComparer.Ordinal)
    {
        [CqrsDiagnostics.LogFields.DurationMs] = "Float64",
        [CqrsDiagnostics.LogFields.DelayMs] = "Float64",
        [CqrsDiagnostics.LogFields.RetryCount] = "Int64",
        [CqrsDiagnostics.LogFields.Attempt] = "Int64",
        [CqrsDiagnostics.LogFields.DeliveryAttempt] = "Int64",
        [CqrsDiagnostics.LogFields.CacheHit] = "Boolean",
    };

    private static readonly string[] Scope = [CqrsDiagnostics.LogScopeFields.TenantId, CqrsDiagnostics.LogScopeFields.UserId];

    /// <summary>The streams the app writes to, named by its settings.</summary>
    public static IReadOnlyList<StreamSpec> Create(OpenObserveSettings settings, int retentionDays) =>
    [
        Logs(settings.CommandsStream, retentionDays, CqrsDiagnostics.LogFields.OfMessages),
        Logs(settings.QueriesStream, retentionDays, [.. CqrsDiagnostics.LogFields.OfMessages, .. CqrsDiagnostics.LogFields.OfQueries]),
        Logs(settings.EventsStream, retentionDays, [.. CqrsDiagnostics.LogFields.OfMessages, .. CqrsDiagnostics.LogFields.OfEventDeliveries]),
        new(Stream(settings.TracesStream), "traces", [], retentionDays, []),
    ];

    /// <summary>A metric's stream, made ahead of the metric so an alert can name it.</summary>
    public static StreamSpec Metric(string stream, int retentionDays) => new(stream, "metrics", [], retentionDays, []);

    private static StreamSpec Logs(string stream, int retentionDays, IEnumerable<string> fields) => new(
        Stream(stream),
        "logs",
        [.. fields.Concat(Scope).Select(f => new StreamField(Field(f), Types.GetValueOrDefault(f, "Utf8")))],
        retentionDays,
        [Field(CqrsDiagnostics.LogFields.Id)]);
}
