using Microsoft.Extensions.Options;
using ServerlessCqrs.Configuration;

namespace ServerlessCqrs.Events;

/// <summary>How redeliveries of one event type are spaced (<c>Cqrs:Events:Redelivery:Default</c> or <c>:Events:{Name}</c>).</summary>
public sealed class RedeliverySettings : ISettingKeys
{
    /// <summary>Wait before the first redelivery; doubles with each one after (default 1 s).</summary>
    [SettingRange(typeof(TimeSpan), "00:00:00", "7.00:00:00", Rule = "must be between 0 and 7 days")]
    public TimeSpan? BaseDelay { get; set; }

    /// <summary>The longest wait, up to 7 days (default 5 minutes).</summary>
    [SettingRange(typeof(TimeSpan), "00:00:00", "7.00:00:00", Rule = "must be between 0 and 7 days (a queue message hides at most that long)")]
    public TimeSpan? MaxDelay { get; set; }

    /// <summary>Whether each wait is spread over its second half at random, so failures do not return in step (default true).</summary>
    public bool? UseJitter { get; set; }

    /// <summary>Deliveries in all before the event is dead-lettered, 1 to 100 (default <c>Cqrs:Events:MaxDeliveryAttempts</c>).</summary>
    [SettingRange(1, 100)]
    public int? MaxDeliveryAttempts { get; set; }

    /// <summary>The section these settings were read from, set by <see cref="RedeliveryOptions"/> before they are checked.</summary>
    internal string Section { get; set; } = RedeliveryOptions.SectionName + ":Default";

    string ISettingKeys.KeyOf(string property) => $"{Section}:{property}";
}

[OptionsValidator]
internal sealed partial class RedeliverySettingsValidator : IValidateOptions<RedeliverySettings>;
