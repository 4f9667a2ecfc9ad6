using Microsoft.Extensions.Options;
using ServerlessCqrs.Configuration;

namespace ServerlessCqrs.Http;

/// <summary>The HTTP edge; configuration section <c>Cqrs:Http</c>.</summary>
public sealed class CqrsHttpOptions : ISettingKeys
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Cqrs:Http";

    /// <summary>Largest request body accepted; larger bodies get 413 (default 1 MiB).</summary>
    [SettingRange(1d, 100 * 1024 * 1024)]
    public long MaxRequestBodyBytes { get; set; } = 1024 * 1024;

    /// <summary>How long the outcome of a command sent with an <c>Idempotency-Key</c> is remembered (default 24 h).</summary>
    [SettingRange(typeof(TimeSpan), "00:01:00", "10675199.02:48:05.4775807", Rule = "must be at least 1 minute")]
    public TimeSpan IdempotencyRetention { get; set; } = TimeSpan.FromHours(24);

    /// <summary>How long a key stays claimed by a request that never finished (a crash) before another may run (default 5 min).</summary>
    [SettingRange(typeof(TimeSpan), "00:00:01", "10675199.02:48:05.4775807", Rule = "must be at least 1 second")]
    public TimeSpan IdempotencyClaimTimeout { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// Whether the LocalHost serves the dead-letter operations API at <c>/api/ops/deadletters</c> (default
    /// off: it has no keys). The Functions app always serves it, behind the admin (master) key.
    /// </summary>
    public bool EnableAdminApi { get; set; }

    /// <summary>
    /// Whether the LocalHost serves the API reference UI at <c>/api/docs</c>, reading <c>/api/openapi.json</c> (default: on in
    /// the Development environment, off otherwise). The Functions app serves only the document.
    /// </summary>
    public bool? EnableApiReference { get; set; }

    /// <summary>
    /// Lets the Functions app start with no authentication configured, every caller anonymous and function
    /// keys the only gate (default off: it refuses to start). The LocalHost is open without it.
    /// </summary>
    public bool AllowAnonymous { get; set; }

    string ISettingKeys.KeyOf(string property) => $"{SectionName}:{property}";
}

[OptionsValidator]
internal sealed partial class CqrsHttpOptionsValidator : IValidateOptions<CqrsHttpOptions>;
