using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ServerlessCqrs.Resilience;
using ServerlessCqrs.Diagnostics;

namespace ServerlessCqrs.Events;

/// <summary>
/// The <see cref="FailurePolicy"/> of each event type, built from <c>Cqrs:Events:Redelivery</c>,
/// <c>Cqrs:Events:MaxDeliveryAttempts</c> and the transient-error rules, and written to the log once at start.
/// </summary>
public sealed partial class FailurePolicies
{
    private readonly ConcurrentDictionary<string, FailurePolicy> _policies = new(StringComparer.OrdinalIgnoreCase);
    private readonly ITransientErrorClassifier _classifier;
    private readonly IOptionsMonitor<EventDeliveryOptions> _delivery;
    private readonly IOptionsMonitor<RedeliveryOptions> _redelivery;
    private readonly ILogger<FailurePolicies> _logger;

    internal FailurePolicies(
        ITransientErrorClassifier classifier, IOptionsMonitor<EventDeliveryOptions> delivery, IOptionsMonitor<RedeliveryOptions> redelivery, ILogger<FailurePolicies> logger)
    {
        _classifier = classifier;
        _delivery = delivery;
        _redelivery = redelivery;
        _logger = logger;
        delivery.OnChange(_ => _policies.Clear());
        redelivery.OnChange(_ => _policies.Clear());
    }

    /// <summary>The policy of one event type.</summary>
    public FailurePolicy For(string eventName) => _policies.GetOrAdd(eventName, Build);

    internal void LogAll(IEnumerable<string> eventNames)
    {
        foreach (var policy in eventNames.Select(For))
        {
            LogPolicy(_logger, policy);
        }
    }

    private FailurePolicy Build(string eventName)
    {
        var options = _redelivery.CurrentValue;
        var own = options.Events.TryGetValue(eventName, out var specific) ? specific : null;
        List<FailureRule> rules = [];
        string[] deadLetterOn = [.. options.DeadLetterOn];
        string[] retryOn = [.. options.RetryOn];
        if (deadLetterOn.Length > 0)
        {
            rules.Add(new FailureRule(string.Join(", ", deadLetterOn), f => IsAnyOf(f.Error, deadLetterOn), FailureAction.DeadLetter));
        }

        if (retryOn.Length > 0)
        {
            rules.Add(new FailureRule(string.Join(", ", retryOn), f => IsAnyOf(f.Error, retryOn), FailureAction.Retry));
        }

        rules.Add(new FailureRule("transient errors", f => f is { Kind: FailureKind.HandlerFailed, Error: { } e } && _classifier.IsTransient(e), FailureAction.Retry));
        rules.Add(new FailureRule("a handler running in another delivery", f => f.Kind == FailureKind.HandlerBusy, FailureAction.Retry));
        rules.Add(new FailureRule("the dispatch itself failing (ledger unreachable)", f => f.Kind == FailureKind.DispatchFailed, FailureAction.Retry));
        rules.Add(new FailureRule("any other error", _ => true, FailureAction.DeadLetter));
        return new FailurePolicy(
            eventName,
            rules,
            own?.BaseDelay ?? options.Default.BaseDelay ?? TimeSpan.FromSeconds(1),
            own?.MaxDelay ?? options.Default.MaxDelay ?? TimeSpan.FromMinutes(5),
            own?.UseJitter ?? options.Default.UseJitter ?? true,
            own?.MaxDeliveryAttempts ?? options.Default.MaxDeliveryAttempts ?? _delivery.CurrentValue.MaxDeliveryAttempts);
    }

    /// <summary>Whether the exception's type, or one it derives from, has one of the names (full or short).</summary>
    private static bool IsAnyOf(Exception? exception, string[] names)
    {
        for (var type = exception?.GetType(); type is not null; type = type.BaseType)
        {
            if (names.Contains(type.FullName!, StringComparer.Ordinal) || names.Contains(type.Name, StringComparer.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    [LoggerMessage(EventId = CqrsLogEvents.Events.EventFailurePolicy, EventName = nameof(CqrsLogEvents.Events.EventFailurePolicy), Level = LogLevel.Information, Message = "Failure policy of {policy}")]
    private static partial void LogPolicy(ILogger logger, FailurePolicy policy);
}
