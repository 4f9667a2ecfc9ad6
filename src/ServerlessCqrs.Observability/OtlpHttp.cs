using Microsoft.Extensions.Http.Resilience;
using OpenTelemetry.Exporter;
using Polly;

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
        HttpClientFactory = () => new HttpClient(new ResilienceHandler(Retries(settings.MaxRetries)) { InnerHandler = new HttpClientHandler() })
        {
            Timeout = settings.Timeout,
        },
    };

    /// <summary>
    /// <c>OPENOBSERVE_MAX_RETRIES</c> retries of what fails in passing — connection failures, 408, 429, 5xx —
    /// with exponential backoff and jitter, honouring <c>Retry-After</c>: the standard HTTP retry strategy.
    /// </summary>
    private static ResiliencePipeline<HttpResponseMessage> Retries(int maxRetries) => maxRetries == 0
        ? ResiliencePipeline<HttpResponseMessage>.Empty
        : new ResiliencePipelineBuilder<HttpResponseMessage>().AddRetry(new HttpRetryStrategyOptions
        {
            MaxRetryAttempts = maxRetries,
            BackoffType = DelayBackoffType.Exponential,
            UseJitter = true,
            Delay = TimeSpan.FromMilliseconds(200),
        }).Build();
}
