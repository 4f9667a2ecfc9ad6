namespace ServerlessCqrs.Events;

/// <summary>A dead-lettered event with why it was set aside.</summary>
/// <param name="Envelope">The event as it was last delivered.</param>
/// <param name="Reason">A <see cref="DeadLetterReason"/> name, or the broker's own reason.</param>
/// <param name="Description">What went wrong.</param>
/// <param name="ExceptionType">The failing exception's type, when a handler threw.</param>
/// <param name="StackTrace">The failing exception's stack, truncated.</param>
/// <param name="DeadLetteredAt">When it was set aside.</param>
public sealed record DeadLetter(
    EventEnvelope Envelope,
    string Reason,
    string Description,
    string? ExceptionType,
    string? StackTrace,
    DateTimeOffset DeadLetteredAt)
{
    /// <summary>The deliveries the event had, the last included.</summary>
    public int Attempts => Envelope.DeliveryAttempt;

    /// <summary>When a delivery of the event first failed (the dead-lettering itself when no earlier delivery failed).</summary>
    public DateTimeOffset FirstFailedAt => Envelope.FirstFailedAt ?? DeadLetteredAt;

    /// <summary>Longest description kept (Service Bus limits the dead-letter description to 4 KiB).</summary>
    public const int MaxDescriptionLength = 1024;

    /// <summary>Longest stack trace kept.</summary>
    public const int MaxStackTraceLength = 4096;

    /// <summary>Creates the dead letter of a dead-letter decision.</summary>
    public static DeadLetter From(EventEnvelope envelope, DispatchDecision decision, DateTimeOffset deadLetteredAt)
    {
        ArgumentNullException.ThrowIfNull(envelope);
        ArgumentNullException.ThrowIfNull(decision);
        return new DeadLetter(
            envelope,
            decision.Reason?.ToString() ?? "Unknown",
            Truncate(decision.Description ?? "", MaxDescriptionLength),
            decision.Exception?.GetType().FullName,
            decision.Exception?.StackTrace is { } stack ? Truncate(stack, MaxStackTraceLength) : null,
            deadLetteredAt);
    }

    private static string Truncate(string text, int length) => text.Length <= length ? text : text[..(length - 1)] + "…";
}
