namespace ServerlessCqrs.Events.Redelivery;

/// <summary>How redeliveries of one event type are spaced (<c>Cqrs:Events:Redelivery:Default</c> or <c>:Events:{Name}</c>).</summary>
public sealed class RedeliverySettings
{
    /// <summary>Wait before the first redelivery; doubles with each one after (default 1 s).</summary>
    public TimeSpan? BaseDelay { get; set; }

    /// <summary>The longest wait, up to 7 days (default 5 minutes).</summary>
    public TimeSpan? MaxDelay { get; set; }

    /// <summary>Whether each wait is spread over its second half at random, so failures do not return in step (default true).</summary>
    public bool? UseJitter { get; set; }

    /// <summary>Deliveries in all before the event is dead-lettered, 1 to 100 (default <c>Cqrs:Events:MaxDeliveryAttempts</c>).</summary>
    public int? MaxDeliveryAttempts { get; set; }
}
