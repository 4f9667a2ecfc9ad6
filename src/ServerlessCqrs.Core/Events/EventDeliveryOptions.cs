using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;
using ServerlessCqrs.Configuration;

namespace ServerlessCqrs.Events;

/// <summary>How events are delivered to handlers; configuration section <c>Cqrs:Events</c>.</summary>
public sealed class EventDeliveryOptions : ISettingKeys, IValidatableObject
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Cqrs:Events";

    /// <summary>
    /// Deliveries before a transiently failing event is dead-lettered, 1 to 100 (default 5). Keep it at or
    /// below the broker's own limit (Service Bus MaxDeliveryCount, Storage Queue maxDequeueCount).
    /// </summary>
    [SettingRange(1, 100)]
    public int MaxDeliveryAttempts { get; set; } = 5;

    /// <summary>
    /// How long the ledger remembers that a handler ran for an event (default 14 days, as long as a dead
    /// letter lives on Service Bus, so a replay skips what already succeeded).
    /// </summary>
    [SettingRange(typeof(TimeSpan), "00:01:00", "10675199.02:48:05.4775807", Rule = "must be at least 1 minute")]
    public TimeSpan LedgerRetention { get; set; } = TimeSpan.FromDays(14);

    /// <summary>
    /// How long a delivery's claim on running a handler holds before another delivery may take it over
    /// (its owner died), 1 second to 1 day (default 1 minute: twice the resilience total timeout, 30 s by
    /// default, that bounds one handler run). Deliveries that find a claim held retry, so after a crash a
    /// handler waits at most this long; keep it above your longest handler run.
    /// </summary>
    [SettingRange(typeof(TimeSpan), "00:00:01", "1.00:00:00", Rule = "must be between 1 second and 1 day")]
    public TimeSpan HandlerLease { get; set; } = TimeSpan.FromMinutes(1);

    string ISettingKeys.KeyOf(string property) => $"{SectionName}:{property}";

    IEnumerable<ValidationResult> IValidatableObject.Validate(ValidationContext validationContext)
    {
        if (LedgerRetention < HandlerLease)
        {
            yield return SettingFailure.Of(this, nameof(LedgerRetention), LedgerRetention, "must be at least HandlerLease");
        }
    }
}

[OptionsValidator]
internal sealed partial class EventDeliveryOptionsValidator : IValidateOptions<EventDeliveryOptions>;
