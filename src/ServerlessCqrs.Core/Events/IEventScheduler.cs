namespace ServerlessCqrs.Events;

/// <summary>
/// Delivers an event later, through the transport's own delayed delivery — a Service Bus scheduled message, a
/// Storage Queue message that stays invisible until it is due, a timer in process — and takes back what it
/// scheduled. Nothing polls and nothing stays alive while a delivery waits (except the in-process timer, which
/// lives and dies with its process). Process managers deliver their timeouts through it.
/// </summary>
public interface IEventScheduler
{
    /// <summary>
    /// Schedules <paramref name="envelope"/> for delivery at <paramref name="dueAt"/> (at once when that has
    /// passed) and returns the broker's handle, which <see cref="CancelAsync"/> takes. A transport whose delay has
    /// a limit delivers at the limit; the receiver sees the envelope early and schedules the rest.
    /// </summary>
    ValueTask<string> ScheduleAsync(EventEnvelope envelope, DateTimeOffset dueAt, CancellationToken cancellationToken);

    /// <summary>Removes a scheduled delivery; <see langword="false"/> when it is gone already (delivered, or cancelled).</summary>
    ValueTask<bool> CancelAsync(string handle, CancellationToken cancellationToken);
}
