using ServerlessCqrs.Events;

namespace ServerlessCqrs.Http.DeadLetters;

/// <summary>One dead letter in full: the event as last delivered and how it failed.</summary>
public sealed record DeadLetterDetail
{
    /// <summary>The event id.</summary>
    public required Guid EventId { get; init; }

    /// <summary>The event's wire name.</summary>
    public required string EventName { get; init; }

    /// <summary>The payload's schema version.</summary>
    public required int Version { get; init; }

    /// <summary>When the event happened.</summary>
    public required DateTimeOffset OccurredAt { get; init; }

    /// <summary>Why it was set aside.</summary>
    public required string Reason { get; init; }

    /// <summary>What went wrong.</summary>
    public required string Description { get; init; }

    /// <summary>The failing exception's type, when a handler threw.</summary>
    public string? ExceptionType { get; init; }

    /// <summary>The failing exception's stack, truncated.</summary>
    public string? StackTrace { get; init; }

    /// <summary>Deliveries it had.</summary>
    public required int Attempts { get; init; }

    /// <summary>When a delivery first failed.</summary>
    public required DateTimeOffset FirstFailedAt { get; init; }

    /// <summary>When it was set aside.</summary>
    public required DateTimeOffset DeadLetteredAt { get; init; }

    /// <summary>The stream (aggregate) it belongs to.</summary>
    public string? StreamId { get; init; }

    /// <summary>The request it came from.</summary>
    public string? CorrelationId { get; init; }

    /// <summary>The W3C trace it belongs to.</summary>
    public string? TraceParent { get; init; }

    /// <summary>The event as JSON (as text: a dead letter's payload may not be JSON at all).</summary>
    public required string Payload { get; init; }

    /// <summary>The detail of a dead letter.</summary>
    public static DeadLetterDetail From(DeadLetter deadLetter)
    {
        ArgumentNullException.ThrowIfNull(deadLetter);
        var e = deadLetter.Envelope;
        return new()
        {
            EventId = e.EventId,
            EventName = e.Name,
            Version = e.Version,
            OccurredAt = e.OccurredAt,
            Reason = deadLetter.Reason,
            Description = deadLetter.Description,
            ExceptionType = deadLetter.ExceptionType,
            StackTrace = deadLetter.StackTrace,
            Attempts = deadLetter.Attempts,
            FirstFailedAt = deadLetter.FirstFailedAt,
            DeadLetteredAt = deadLetter.DeadLetteredAt,
            StreamId = e.StreamId,
            CorrelationId = e.CorrelationId,
            TraceParent = e.TraceParent,
            Payload = e.Payload,
        };
    }
}
