using Microsoft.Extensions.Configuration;
using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using ServerlessCqrs.Diagnostics;
using ServerlessCqrs.Observability;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Exports the kernel's traces, metrics and logs; each host calls this once.</summary>
public static class ObservabilityServiceCollectionExtensions
{
    /// <summary>
    /// With <c>OPENOBSERVE_URL</c> set: traces (parent-based ratio sampling), metrics and logs over
    /// OTLP/HTTP protobuf to <c>/api/{org}/v1/{signal}</c> with Basic auth, command/query/event logs
    /// and traces routed to their streams by the <c>stream-name</c> header, exported every
    /// <c>OPENOBSERVE_FLUSH_INTERVAL</c> and flushed when the host stops. Without it nothing is
    /// exported and nothing is registered — unless the standard <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> (and
    /// the other <c>OTEL_*</c> variables) name another OTLP backend. Bad settings throw, naming the variable.
    /// </summary>
    /// <param name="services">The host's services.</param>
    /// <param name="configuration">Where the <c>OPENOBSERVE_*</c>, <c>CQRS_STREAM_*</c> and <c>SERVICE_*</c> settings are.</param>
    /// <param name="configure">Host-specific additions, such as ASP.NET Core or Functions instrumentation.</param>
    public static IServiceCollection AddServerlessCqrsTelemetry(
        this IServiceCollection services, IConfiguration configuration, Action<IOpenTelemetryBuilder>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        if (OpenObserveSettings.Read(configuration) is not { } settings)
        {
            // No OpenObserve: any other OTLP backend through the standard OTEL_EXPORTER_OTLP_* variables, else nothing.
            if (!string.IsNullOrWhiteSpace(configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
            {
                var standard = services.AddOpenTelemetry()
                    .WithTracing(tracing => tracing.AddSource(CqrsDiagnostics.ActivitySourceName))
                    .WithMetrics(metrics => metrics.AddMeter(CqrsDiagnostics.MeterName))
                    .WithLogging()
                    .UseOtlpExporter();
                configure?.Invoke(standard);
            }

            return services;
        }

        var flushMilliseconds = (int)settings.FlushInterval.TotalMilliseconds;
        var timeoutMilliseconds = (int)settings.Timeout.TotalMilliseconds;
        var telemetry = services.AddOpenTelemetry()
            .ConfigureResource(resource =>
            {
                resource.AddService(settings.ServiceName, serviceVersion: settings.ServiceVersion);
                if (settings.Environment is { } environment)
                {
                    resource.AddAttributes([new("deployment.environment.name", environment)]);
                }
            })
            .WithMetrics(metrics => metrics
                .AddMeter(CqrsDiagnostics.MeterName)
                .AddReader(new PeriodicExportingMetricReader(
                    new OtlpMetricExporter(OtlpHttp.Options(settings, "metrics", stream: null)), flushMilliseconds, timeoutMilliseconds)))
            .WithLogging(logging => logging.AddProcessor(new LogStreamRouter(settings)), options => options.IncludeScopes = true);
        if (settings.TracingEnabled)
        {
            telemetry.WithTracing(tracing => tracing
                .AddSource(CqrsDiagnostics.ActivitySourceName)
                .SetSampler(new ParentBasedSampler(new TraceIdRatioBasedSampler(settings.SamplingRate)))
                .AddProcessor(new BatchActivityExportProcessor(
                    new OtlpTraceExporter(OtlpHttp.Options(settings, "traces", settings.TracesStream)),
                    maxQueueSize: 2048, flushMilliseconds, timeoutMilliseconds, settings.BatchSize)));
        }

        configure?.Invoke(telemetry);
        return services;
    }
}
