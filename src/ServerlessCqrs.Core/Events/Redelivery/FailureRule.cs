namespace ServerlessCqrs.Events;

/// <summary>What a failure rule does with a delivery that failed.</summary>
public enum FailureAction
{
    /// <summary>Redeliver after the rule's delay, until its attempts run out; then dead-letter (<see cref="DeadLetterReason.AttemptsExhausted"/>).</summary>
    Retry,

    /// <summary>Dead-letter at once (<see cref="DeadLetterReason.HandlerFailed"/>).</summary>
    DeadLetter,
}

/// <summary>How a delivery failed.</summary>
public enum FailureKind
{
    /// <summary>A handler threw.</summary>
    HandlerFailed,

    /// <summary>Another delivery is running a handler of this event (here or on another instance).</summary>
    HandlerBusy,

    /// <summary>The dispatch itself failed (the handler ledger unreachable, say).</summary>
    DispatchFailed,
}

/// <summary>A failed delivery: how it failed, and the exception when there is one.</summary>
/// <param name="Kind">How it failed.</param>
/// <param name="Error">The exception; none when <see cref="FailureKind.HandlerBusy"/>.</param>
/// <param name="HeldFor">For <see cref="FailureKind.HandlerBusy"/>, how long the other delivery's claim holds: a retry waits at least that.</param>
public readonly record struct DeliveryFailure(FailureKind Kind, Exception? Error, TimeSpan? HeldFor = null);

/// <summary>One rule of a <see cref="FailurePolicy"/>: the failures it matches and what it does with them.</summary>
/// <param name="Matches">The failures it matches, in words, for the policy's text.</param>
/// <param name="IsMatch">Whether a failure matches.</param>
/// <param name="Action">What it does.</param>
public sealed record FailureRule(string Matches, Func<DeliveryFailure, bool> IsMatch, FailureAction Action)
{
    /// <inheritdoc />
    public override string ToString() => $"{Matches}: {(Action == FailureAction.Retry ? "retry" : "dead-letter at once")}";
}
