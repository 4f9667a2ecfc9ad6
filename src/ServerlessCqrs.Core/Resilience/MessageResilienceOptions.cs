using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;
using ServerlessCqrs.Configuration;

namespace ServerlessCqrs.Resilience;

/// <summary>
/// Retry and timeout settings of one message type. Read from configuration: the values under
/// <c>Cqrs:Resilience:Default</c>, overridden by <c>Cqrs:Resilience:Messages:{MessageName}</c>.
/// </summary>
public sealed class MessageResilienceOptions : ISettingKeys, IValidatableObject
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Cqrs:Resilience";

    private static readonly TimeSpan MinTimeout = TimeSpan.FromMilliseconds(10);
    private static readonly TimeSpan MaxTime = TimeSpan.FromHours(1);

    /// <summary>Retries after the first attempt, 0 to 10 (default 3). Only transient failures retry.</summary>
    [SettingRange(0, 10)]
    public int MaxRetryAttempts { get; set; } = 3;

    /// <summary>The first backoff; each retry doubles it (default 100 ms).</summary>
    [SettingRange(typeof(TimeSpan), "00:00:00", "01:00:00", Rule = "must be between 0 and 1 hour")]
    public TimeSpan BaseDelay { get; set; } = TimeSpan.FromMilliseconds(100);

    /// <summary>The longest backoff (default 5 s).</summary>
    [SettingRange(typeof(TimeSpan), "00:00:00", "01:00:00", Rule = "must be at least BaseDelay and at most 1 hour")]
    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Randomise backoffs so callers that failed together do not retry together (default on).</summary>
    public bool UseJitter { get; set; } = true;

    /// <summary>Time allowed for one attempt; a timed-out attempt is retried. Zero turns it off (default 10 s).</summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Time allowed for all attempts together. Zero turns it off (default 30 s).</summary>
    public TimeSpan TotalTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Where each setting was read from: the message's own section or <c>Default</c> (set when the options are configured).</summary>
    internal Func<string, string> Keys { get; set; } = property => $"{SectionName}:Default:{property}";

    string ISettingKeys.KeyOf(string property) => Keys(property);

    IEnumerable<ValidationResult> IValidatableObject.Validate(ValidationContext validationContext)
    {
        if (MaxDelay < BaseDelay)
        {
            yield return SettingFailure.Of(this, nameof(MaxDelay), MaxDelay, "must be at least BaseDelay and at most 1 hour");
        }

        foreach (var (property, timeout) in new[] { (nameof(AttemptTimeout), AttemptTimeout), (nameof(TotalTimeout), TotalTimeout) })
        {
            if (timeout != TimeSpan.Zero && (timeout < MinTimeout || timeout > MaxTime))
            {
                yield return SettingFailure.Of(this, property, timeout, "must be 0 (off) or between 10 ms and 1 hour");
            }
        }
    }
}

[OptionsValidator]
internal sealed partial class MessageResilienceOptionsValidator : IValidateOptions<MessageResilienceOptions>;
