namespace ServerlessCqrs.Resilience;

/// <summary>
/// Retry and timeout settings of one message type. Read from configuration: the values under
/// <c>Cqrs:Resilience:Default</c>, overridden by <c>Cqrs:Resilience:Messages:{MessageName}</c>.
/// </summary>
public sealed class MessageResilienceOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Cqrs:Resilience";

    /// <summary>Retries after the first attempt, 0 to 10 (default 3). Only transient failures retry.</summary>
    public int MaxRetryAttempts { get; set; } = 3;

    /// <summary>The first backoff; each retry doubles it (default 100 ms).</summary>
    public TimeSpan BaseDelay { get; set; } = TimeSpan.FromMilliseconds(100);

    /// <summary>The longest backoff (default 5 s).</summary>
    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Randomise backoffs so callers that failed together do not retry together (default on).</summary>
    public bool UseJitter { get; set; } = true;

    /// <summary>Time allowed for one attempt; a timed-out attempt is retried. Zero turns it off (default 10 s).</summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Time allowed for all attempts together. Zero turns it off (default 30 s).</summary>
    public TimeSpan TotalTimeout { get; set; } = TimeSpan.FromSeconds(30);
}
