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

    /// <summary>
    /// How long the ledger remembers that a handler ran for an event (default 14 days, as long as a dead
    /// letter lives on Service Bus, so a replay skips what already succeeded).
    /// </summary>
    public TimeSpan LedgerRetention { get; set; } = TimeSpan.FromDays(14);

    /// <summary>
    /// How long a delivery's claim on running a handler holds before another delivery may take it over
    /// (its owner died), 1 second to 1 day (default 1 minute: twice the resilience total timeout, 30 s by
    /// default, that bounds one handler run). Deliveries that find a claim held retry, so after a crash a
    /// handler waits at most this long; keep it above your longest handler run.
    /// </summary>
    public TimeSpan HandlerLease { get; set; } = TimeSpan.FromMinutes(1);
}
