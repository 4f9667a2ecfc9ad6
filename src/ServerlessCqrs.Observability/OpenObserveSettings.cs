using System.Globalization;
using System.Text;
using Microsoft.Extensions.Configuration;

namespace ServerlessCqrs.Observability;

/// <summary>
/// Where and how telemetry goes to OpenObserve, from the original plan's variables
/// (<c>OPENOBSERVE_URL</c>, <c>OPENOBSERVE_ORGANIZATION</c>, <c>OPENOBSERVE_TOKEN</c> or
/// <c>OPENOBSERVE_USER</c> + <c>OPENOBSERVE_PASSWORD</c>, <c>CQRS_STREAM_*</c>, <c>OPENOBSERVE_BATCH_SIZE</c>,
/// <c>OPENOBSERVE_FLUSH_INTERVAL</c>, <c>OPENOBSERVE_TIMEOUT</c>, <c>OPENOBSERVE_MAX_RETRIES</c>,
/// <c>OPENOBSERVE_TRACING_ENABLED</c>, <c>OPENOBSERVE_TRACING_SAMPLING_RATE</c>, <c>SERVICE_NAME</c>,
/// <c>SERVICE_VERSION</c>, <c>ENVIRONMENT</c>).
/// </summary>
public sealed record OpenObserveSettings
{
    /// <summary>The OpenObserve base URL, for example <c>https://openobserve.example.com</c>.</summary>
    public required Uri Url { get; init; }

    /// <summary>The organization the streams belong to.</summary>
    public required string Organization { get; init; }

    /// <summary>The <c>Authorization</c> header value; internal so a record printout never shows it.</summary>
    internal string Authorization { get; init; } = "";

    /// <summary>Log stream of command records (default <c>cqrs-commands</c>).</summary>
    public string CommandsStream { get; init; } = "cqrs-commands";

    /// <summary>Log stream of query records (default <c>cqrs-queries</c>).</summary>
    public string QueriesStream { get; init; } = "cqrs-queries";

    /// <summary>Log stream of event records (default <c>cqrs-events</c>).</summary>
    public string EventsStream { get; init; } = "cqrs-events";

    /// <summary>Trace stream (default <c>traces</c>).</summary>
    public string TracesStream { get; init; } = "traces";

    /// <summary>Records per export batch (default 100).</summary>
    public int BatchSize { get; init; } = 100;

    /// <summary>How often batches and metrics are exported (default 1 s: serverless instances disappear).</summary>
    public TimeSpan FlushInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>How long one export may take (default 10 s).</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Retries of a failed export (default 3).</summary>
    public int MaxRetries { get; init; } = 3;

    /// <summary>Whether traces are exported (default true).</summary>
    public bool TracingEnabled { get; init; } = true;

    /// <summary>The share of new traces sampled, 0 to 1 (default 0.1); child spans follow their parent.</summary>
    public double SamplingRate { get; init; } = 0.1;

    /// <summary>The <c>service.name</c> resource attribute (default <c>serverless-cqrs</c>).</summary>
    public string ServiceName { get; init; } = "serverless-cqrs";

    /// <summary>The <c>service.version</c> resource attribute, when set.</summary>
    public string? ServiceVersion { get; init; }

    /// <summary>The <c>deployment.environment.name</c> resource attribute, when set.</summary>
    public string? Environment { get; init; }

    /// <summary>The OTLP/HTTP endpoint of a signal: <c>{url}/api/{org}/v1/{signal}</c>.</summary>
    public Uri EndpointOf(string signal) => new(Url, $"api/{Uri.EscapeDataString(Organization)}/v1/{signal}");

    /// <summary>
    /// The settings in <paramref name="configuration"/>, or <see langword="null"/> when
    /// <c>OPENOBSERVE_URL</c> is not set (nothing is exported then).
    /// </summary>
    /// <exception cref="InvalidOperationException">A setting is invalid; the message names every bad one (never a secret's value).</exception>
    public static OpenObserveSettings? Read(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var url = Text(configuration, "OPENOBSERVE_URL");
        if (url is null)
        {
            return null;
        }

        var failures = new List<string>();
        var parsedUrl = Uri.TryCreate(url.EndsWith('/') ? url : url + "/", UriKind.Absolute, out var u) && u.Scheme is "http" or "https" ? u : null;
        Check(failures, parsedUrl is not null, $"OPENOBSERVE_URL must be an absolute http(s) URL; it is {url}.");
        var organization = Text(configuration, "OPENOBSERVE_ORGANIZATION");
        Check(failures, organization is not null, "OPENOBSERVE_ORGANIZATION must be set when OPENOBSERVE_URL is.");
        var authorization = AuthorizationOf(configuration, failures);
        var settings = new OpenObserveSettings
        {
            Url = parsedUrl ?? new Uri("http://invalid/"),
            Organization = organization ?? "",
            Authorization = authorization ?? "",
            CommandsStream = Text(configuration, "CQRS_STREAM_COMMANDS") ?? "cqrs-commands",
            QueriesStream = Text(configuration, "CQRS_STREAM_QUERIES") ?? "cqrs-queries",
            EventsStream = Text(configuration, "CQRS_STREAM_EVENTS") ?? "cqrs-events",
            TracesStream = Text(configuration, "CQRS_STREAM_TRACES") ?? "traces",
            BatchSize = Number(configuration, failures, "OPENOBSERVE_BATCH_SIZE", 100, 1, 10_000),
            FlushInterval = TimeSpan.FromMilliseconds(Number(configuration, failures, "OPENOBSERVE_FLUSH_INTERVAL", 1000, 100, 60_000)),
            Timeout = TimeSpan.FromMilliseconds(Number(configuration, failures, "OPENOBSERVE_TIMEOUT", 10_000, 100, 120_000)),
            MaxRetries = Number(configuration, failures, "OPENOBSERVE_MAX_RETRIES", 3, 0, 10),
            TracingEnabled = Flag(configuration, failures, "OPENOBSERVE_TRACING_ENABLED", true),
            SamplingRate = Rate(configuration, failures, "OPENOBSERVE_TRACING_SAMPLING_RATE", 0.1),
            ServiceName = Text(configuration, "SERVICE_NAME") ?? Text(configuration, "OTEL_SERVICE_NAME") ?? "serverless-cqrs",
            ServiceVersion = Text(configuration, "SERVICE_VERSION"),
            Environment = Text(configuration, "ENVIRONMENT") ?? Text(configuration, "DOTNET_ENVIRONMENT") ?? Text(configuration, "ASPNETCORE_ENVIRONMENT"),
        };
        return failures.Count == 0 ? settings : throw new InvalidOperationException(string.Join(" ", failures));
    }

    /// <summary><c>OPENOBSERVE_TOKEN</c> as given (<c>Basic …</c>/<c>Bearer …</c>, or bare Basic credentials), else user and password.</summary>
    private static string? AuthorizationOf(IConfiguration configuration, List<string> failures)
    {
        if (Text(configuration, "OPENOBSERVE_TOKEN") is { } token)
        {
            return token.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase) || token.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
                ? token
                : "Basic " + token;
        }

        var (user, password) = (Text(configuration, "OPENOBSERVE_USER"), Text(configuration, "OPENOBSERVE_PASSWORD"));
        if (user is not null && password is not null)
        {
            return "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password}"));
        }

        failures.Add("OPENOBSERVE_TOKEN (or OPENOBSERVE_USER and OPENOBSERVE_PASSWORD) must be set when OPENOBSERVE_URL is.");
        return null;
    }

    private static string? Text(IConfiguration configuration, string key) =>
        configuration[key] is { } value && !string.IsNullOrWhiteSpace(value) ? value.Trim() : null;

    private static void Check(List<string> failures, bool valid, string failure)
    {
        if (!valid)
        {
            failures.Add(failure);
        }
    }

    private static int Number(IConfiguration configuration, List<string> failures, string key, int fallback, int min, int max)
    {
        if (Text(configuration, key) is not { } text)
        {
            return fallback;
        }

        var valid = int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max;
        Check(failures, valid, $"{key} must be a whole number between {min} and {max}; it is {text}.");
        return valid ? value : fallback;
    }

    private static double Rate(IConfiguration configuration, List<string> failures, string key, double fallback)
    {
        if (Text(configuration, key) is not { } text)
        {
            return fallback;
        }

        var valid = double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && value is >= 0 and <= 1;
        Check(failures, valid, $"{key} must be a number between 0 and 1; it is {text}.");
        return valid ? value : fallback;
    }

    private static bool Flag(IConfiguration configuration, List<string> failures, string key, bool fallback)
    {
        if (Text(configuration, key) is not { } text)
        {
            return fallback;
        }

        var valid = bool.TryParse(text, out var value);
        Check(failures, valid, $"{key} must be true or false; it is {text}.");
        return valid ? value : fallback;
    }
}
