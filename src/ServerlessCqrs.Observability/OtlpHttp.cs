using OpenTelemetry.Exporter;

namespace ServerlessCqrs.Observability;

/// <summary>The OTLP/HTTP exporter options for one OpenObserve signal and stream.</summary>
internal static class OtlpHttp
{
    /// <summary>The OpenObserve header that picks the stream of logs and traces (metrics ignore it).</summary>
    public const string StreamHeader = "stream-name";

    public static OtlpExporterOptions Options(OpenObserveSettings settings, string signal, string? stream) => new()
    {
        // Set in code, the endpoint is used as it is (no /v1/{signal} appended).
        Endpoint = settings.EndpointOf(signal),
        Protocol = OtlpExportProtocol.HttpProtobuf,
        Headers = stream is null ? $"Authorization={settings.Authorization}" : $"Authorization={settings.Authorization},{StreamHeader}={stream}",
        TimeoutMilliseconds = (int)settings.Timeout.TotalMilliseconds,
        HttpClientFactory = () => new HttpClient(new ExportRetryHandler(settings.MaxRetries) { InnerHandler = new HttpClientHandler() })
        {
            Timeout = settings.Timeout,
        },
    };
}
