namespace ServerlessCqrs.Events;

/// <summary>What a transport does with a delivered event.</summary>
public enum DispatchAction
{
    /// <summary>Every handler succeeded (now or on an earlier delivery): settle the message.</summary>
    Complete,

    /// <summary>A handler failed transiently: give the message back so the broker redelivers it.</summary>
    Retry,

    /// <summary>The message cannot succeed: move it to the dead letters with the reason.</summary>
    DeadLetter,
}

/// <summary>Why an event was dead-lettered; the names travel as the dead-letter reason.</summary>
public enum DeadLetterReason
{
    /// <summary>No event with the envelope's name is registered.</summary>
    UnknownEventName,

    /// <summary>The payload is not valid JSON for the event type.</summary>
    MalformedPayload,

    /// <summary>A handler failed with an error that retrying will not fix.</summary>
    HandlerFailed,

    /// <summary>A handler kept failing transiently until the delivery attempts ran out.</summary>
    AttemptsExhausted,

    /// <summary>No transport can carry the event (larger than its message limit, say): the outbox parked it.</summary>
    Unsendable,
}

/// <summary>The dispatcher's verdict on one delivery, with the reason when it is not a plain success.</summary>
public sealed record DispatchDecision
{
    private DispatchDecision(DispatchAction action, DeadLetterReason? reason, string? description, Exception? exception, TimeSpan retryAfter = default)
    {
        Action = action;
        Reason = reason;
        Description = description;
        Exception = exception;
        RetryAfter = retryAfter;
    }

    /// <summary>Settle the message.</summary>
    public static DispatchDecision Complete { get; } = new(DispatchAction.Complete, null, null, null);

    /// <summary>What to do.</summary>
    public DispatchAction Action { get; }

    /// <summary>Why the message is dead-lettered; <see langword="null"/> otherwise.</summary>
    public DeadLetterReason? Reason { get; }

    /// <summary>What went wrong, for people reading dead letters and logs.</summary>
    public string? Description { get; }

    /// <summary>The failure, when a handler threw.</summary>
    public Exception? Exception { get; }

    /// <summary>For a retry, how long the transport waits before the next delivery.</summary>
    public TimeSpan RetryAfter { get; }

    /// <summary>Redeliver after <paramref name="retryAfter"/> (a transient failure, or another delivery running a handler).</summary>
    public static DispatchDecision Retry(string description, Exception? exception, TimeSpan retryAfter) =>
        new(DispatchAction.Retry, null, description, exception, retryAfter);

    /// <summary>Dead-letter the message.</summary>
    public static DispatchDecision DeadLetter(DeadLetterReason reason, string description, Exception? exception = null) =>
        new(DispatchAction.DeadLetter, reason, description, exception);

    /// <inheritdoc />
    public override string ToString() => Action switch
    {
        DispatchAction.Complete => "Complete",
        DispatchAction.Retry => $"Retry after {RetryAfter}: {Description}",
        _ => $"DeadLetter({Reason}): {Description}",
    };
}
