using ServerlessCqrs.Observability;

namespace ServerlessCqrs.Ops.OpenObserve.Provisioning;

/// <summary>
/// Everything <c>openobserve provision</c> puts in OpenObserve, in the order it must go: streams (an alert
/// needs its stream), the alert template and destination (an alert needs its destination), the alerts, the
/// dashboards. Without a webhook URL there is no destination, and no alerts.
/// </summary>
internal sealed record TelemetryCatalog(
    IReadOnlyList<StreamSpec> Streams, NamedBody? Template, NamedBody? Destination, IReadOnlyList<NamedBody> Alerts, IReadOnlyList<NamedBody> Dashboards)
{
    /// <summary>The catalog for the app's streams (the same <c>CQRS_STREAM_*</c> settings it exports to).</summary>
    public static TelemetryCatalog Create(OpenObserveSettings settings, ProvisionOptions options)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(options);
        var (template, destination) = options.DestinationUrl is { } url ? AlertCatalog.Alerting(url) : (null, null);
        IReadOnlyList<NamedBody> alerts = destination is null ? [] : AlertCatalog.Create(settings, destination.Name);
        // An alert's stream must exist before the alert; a metric's stream exists only once the metric arrived.
        var metricStreams = alerts.Where(a => (string?)a.Body["stream_type"] == "metrics").Select(a => (string)a.Body["stream_name"]!).Distinct();
        return new TelemetryCatalog(
            [.. StreamCatalog.Create(settings, options.RetentionDays), .. metricStreams.Select(m => StreamCatalog.Metric(m, options.RetentionDays))],
            template,
            destination,
            alerts,
            DashboardCatalog.Create(settings));
    }
}

/// <summary>What the operator chose.</summary>
/// <param name="DestinationUrl">The webhook alerts go to; none, no alerts.</param>
/// <param name="RetentionDays">How long the streams keep data.</param>
internal sealed record ProvisionOptions(Uri? DestinationUrl, int RetentionDays);
