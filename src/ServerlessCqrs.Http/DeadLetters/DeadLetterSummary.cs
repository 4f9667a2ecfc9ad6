using ServerlessCqrs.Events;

namespace ServerlessCqrs.Http.DeadLetters;

/// <summary>A dead letter as listed: what and why, never the payload.</summary>
/// <param name="EventId">The event id, by which it is shown, replayed or deleted.</param>
/// <param name="EventName">The event's wire name.</param>
/// <param name="Reason">Why it was set aside.</param>
/// <param name="Attempts">Deliveries it had.</param>
/// <param name="FirstFailedAt">When a delivery first failed.</param>
/// <param name="DeadLetteredAt">When it was set aside.</param>
public sealed record DeadLetterSummary(Guid EventId, string EventName, string Reason, int Attempts, DateTimeOffset FirstFailedAt, DateTimeOffset DeadLetteredAt)
{
    /// <summary>The summary of a dead letter.</summary>
    public static DeadLetterSummary From(DeadLetter deadLetter)
    {
        ArgumentNullException.ThrowIfNull(deadLetter);
        return new(deadLetter.Envelope.EventId, deadLetter.Envelope.Name, deadLetter.Reason, deadLetter.Attempts, deadLetter.FirstFailedAt, deadLetter.DeadLetteredAt);
    }
}
