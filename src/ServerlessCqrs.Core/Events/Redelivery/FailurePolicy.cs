using System.Globalization;

namespace ServerlessCqrs.Events;

/// <summary>
/// What happens to a failed delivery of one event type, as data: rules tried in order (exception
/// matches, transient errors, a handler held by another delivery, anything else), and for a retry a
/// delay that doubles from a base up to a cap, spread at random, for so many deliveries, then a dead
/// letter. Readable as text (<see cref="ToString"/>), which the kernel logs once at start.
/// </summary>
public sealed class FailurePolicy
{
    private readonly IReadOnlyList<FailureRule> _rules;

    internal FailurePolicy(string eventName, IReadOnlyList<FailureRule> rules, TimeSpan baseDelay, TimeSpan maxDelay, bool useJitter, int maxDeliveryAttempts)
    {
        EventName = eventName;
        _rules = rules;
        BaseDelay = baseDelay;
        MaxDelay = maxDelay;
        UseJitter = useJitter;
        MaxDeliveryAttempts = maxDeliveryAttempts;
    }

    /// <summary>The event type it is for.</summary>
    public string EventName { get; }

    /// <summary>The rules, first match wins.</summary>
    public IReadOnlyList<FailureRule> Rules => _rules;

    /// <summary>The wait before the first redelivery.</summary>
    public TimeSpan BaseDelay { get; }

    /// <summary>The longest wait.</summary>
    public TimeSpan MaxDelay { get; }

    /// <summary>Whether waits are spread at random over their second half.</summary>
    public bool UseJitter { get; }

    /// <summary>Deliveries in all before a retried event is dead-lettered.</summary>
    public int MaxDeliveryAttempts { get; }

    /// <summary>
    /// The decision for a failed delivery: the first rule that matches says retry or dead-letter. A retry
    /// waits the policy's delay, or until a claim another delivery holds has lapsed, whichever is longer.
    /// </summary>
    public DispatchDecision Decide(EventEnvelope envelope, string description, DeliveryFailure failure)
    {
        ArgumentNullException.ThrowIfNull(envelope);
        var rule = _rules.First(r => r.IsMatch(failure));
        if (rule.Action == FailureAction.DeadLetter)
        {
            return DispatchDecision.DeadLetter(DeadLetterReason.HandlerFailed, description, failure.Error);
        }

        return envelope.DeliveryAttempt >= MaxDeliveryAttempts
            ? DispatchDecision.DeadLetter(DeadLetterReason.AttemptsExhausted, description, failure.Error)
            : DispatchDecision.Retry(description, failure.Error, Max(DelayBefore(envelope.DeliveryAttempt + 1), failure.HeldFor ?? TimeSpan.Zero));
    }

    /// <summary>The wait before delivery <paramref name="attempt"/> (2 and up): base × 2^(attempt − 2), capped, with jitter.</summary>
    public TimeSpan DelayBefore(int attempt)
    {
        var delay = DelayWithoutJitter(attempt);
        return UseJitter ? delay / 2 + delay / 2 * Random.Shared.NextDouble() : delay;
    }

    /// <inheritdoc />
    public override string ToString()
    {
        var delays = string.Join(", ", Enumerable.Range(2, Math.Min(MaxDeliveryAttempts - 1, 4)).Select(a => Format(DelayWithoutJitter(a))));
        var spacing = MaxDeliveryAttempts <= 1
            ? "no redelivery"
            : $"redelivered after {delays}{(MaxDeliveryAttempts > 5 ? ", …" : "")} (up to {Format(MaxDelay)}{(UseJitter ? ", with jitter" : "")})";
        return $"{EventName}: {string.Join("; ", _rules)}. Retries: {spacing}, {MaxDeliveryAttempts} deliveries in all, then dead-lettered.";
    }

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;

    private TimeSpan DelayWithoutJitter(int attempt) =>
        TimeSpan.FromTicks((long)Math.Min(BaseDelay.Ticks * Math.Pow(2, Math.Clamp(attempt - 2, 0, 30)), MaxDelay.Ticks));

    private static string Format(TimeSpan delay) => delay switch
    {
        { TotalSeconds: < 1 } => $"{delay.TotalMilliseconds.ToString("0", CultureInfo.InvariantCulture)} ms",
        { TotalMinutes: < 1 } => $"{delay.TotalSeconds.ToString("0.#", CultureInfo.InvariantCulture)} s",
        { TotalHours: < 1 } => $"{delay.TotalMinutes.ToString("0.#", CultureInfo.InvariantCulture)} min",
        _ => $"{delay.TotalHours.ToString("0.#", CultureInfo.InvariantCulture)} h",
    };
}
