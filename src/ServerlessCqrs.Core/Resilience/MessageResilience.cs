using Polly;

namespace ServerlessCqrs.Resilience;

/// <summary>
/// The resilience of one message type: its settings and the Polly pipeline that runs its retries.
/// The first attempt runs outside Polly (see <c>ResilienceBehavior</c>), bounded by
/// <see cref="FirstAttemptTimeout"/>; Polly takes over only when that attempt fails transiently.
/// </summary>
internal sealed class MessageResilience(ResiliencePipeline pipeline, MessageResilienceOptions settings)
{
    private volatile MessageResilienceOptions _settings = settings;

    /// <summary>Total timeout, retry with backoff, attempt timeout; rebuilt by Polly when the settings change.</summary>
    public ResiliencePipeline Pipeline { get; } = pipeline;

    /// <summary>The current settings.</summary>
    public MessageResilienceOptions Settings
    {
        get => _settings;
        set => _settings = value;
    }

    /// <summary>The timeout of the first attempt: the shorter of the attempt and total timeouts that are on, zero when both are off.</summary>
    public TimeSpan FirstAttemptTimeout => Shorter(Settings.AttemptTimeout, Settings.TotalTimeout);

    /// <summary>Whether the first attempt's timeout is the total timeout, which ends the call instead of retrying.</summary>
    public bool FirstAttemptTimeoutIsTotal =>
        Settings.TotalTimeout > TimeSpan.Zero && (Settings.AttemptTimeout == TimeSpan.Zero || Settings.TotalTimeout <= Settings.AttemptTimeout);

    private static TimeSpan Shorter(TimeSpan attempt, TimeSpan total) =>
        attempt == TimeSpan.Zero ? total : total == TimeSpan.Zero ? attempt : TimeSpan.FromTicks(Math.Min(attempt.Ticks, total.Ticks));
}
