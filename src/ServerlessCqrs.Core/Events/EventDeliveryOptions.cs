namespace ServerlessCqrs.Events;

/// <summary>How events are delivered to handlers; configuration section <c>Cqrs:Events</c>.</summary>
public sealed class EventDeliveryOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Cqrs:Events";

    /// <summary>
    /// Deliveries before a transiently failing event is dead-lettered, 1 to 100 (default 5). Keep it at or
    /// below the broker's own limit (Service Bus MaxDeliveryCount, Storage Queue maxDequeueCount).
    /// </summary>
    public int MaxDeliveryAttempts { get; set; } = 5;

    /// <summary>How long the in-memory ledger remembers successful handlers (default 1 day).</summary>
    public TimeSpan LedgerRetention { get; set; } = TimeSpan.FromDays(1);
}
