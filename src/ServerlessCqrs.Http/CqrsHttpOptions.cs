namespace ServerlessCqrs.Http;

/// <summary>The HTTP edge; configuration section <c>Cqrs:Http</c>.</summary>
public sealed class CqrsHttpOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Cqrs:Http";

    /// <summary>Largest request body accepted; larger bodies get 413 (default 1 MiB).</summary>
    public long MaxRequestBodyBytes { get; set; } = 1024 * 1024;

    /// <summary>How long the outcome of a command sent with an <c>Idempotency-Key</c> is remembered (default 24 h).</summary>
    public TimeSpan IdempotencyRetention { get; set; } = TimeSpan.FromHours(24);

    /// <summary>How long a key stays claimed by a request that never finished (a crash) before another may run (default 5 min).</summary>
    public TimeSpan IdempotencyClaimTimeout { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// Whether the LocalHost serves the dead-letter operations API at <c>/api/ops/deadletters</c> (default
    /// off: it has no keys). The Functions app always serves it, behind the admin (master) key.
    /// </summary>
    public bool EnableAdminApi { get; set; }
}
