using System.Diagnostics;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ServerlessCqrs.Diagnostics;
using ServerlessCqrs.Internal;
using ServerlessCqrs.Registry;
using ServerlessCqrs.Security;
using ServerlessCqrs.Resilience;

namespace ServerlessCqrs.Events;

/// <summary>
/// Dispatches one delivered event to every handler and decides what the transport does with it.
/// Every trigger (Service Bus, Storage Queue, in-process) maps its message to an
/// <see cref="EventEnvelope"/> and acts on the returned <see cref="DispatchDecision"/>.
/// </summary>
/// <remarks>
/// An unknown name or a malformed payload is dead-lettered at once; if every handler succeeded (now
/// or on an earlier delivery) the event completes; any other failure goes to the event type's
/// <see cref="FailurePolicy"/>, which retries after a delay or dead-letters.
/// </remarks>
public sealed partial class EventDispatcher
{
    private readonly MessageInvokers _invokers;
    private readonly IServiceScopeFactory _scopeFactory;
    private readonly IEventHandlerLedger _ledger;
    private readonly ITransientErrorClassifier _classifier;
    private readonly FailurePolicies _policies;
    private readonly CqrsMetrics _metrics;
    private readonly ILogger<EventDispatcher> _logger;

    internal EventDispatcher(
        MessageInvokers invokers,
        IServiceScopeFactory scopeFactory,
        IEventHandlerLedger ledger,
        ITransientErrorClassifier classifier,
        FailurePolicies policies,
        CqrsMetrics metrics,
        ILogger<EventDispatcher> logger)
    {
        _invokers = invokers;
        _scopeFactory = scopeFactory;
        _ledger = ledger;
        _classifier = classifier;
        _policies = policies;
        _metrics = metrics;
        _logger = logger;
    }

    /// <summary>Dispatches the event inside a consumer span that continues the producer's trace.</summary>
    public async ValueTask<DispatchDecision> DispatchAsync(EventEnvelope envelope, MessagingEndpoint source, CancellationToken cancellationToken)
    {
        using var activity = StartConsumerSpan(envelope, source);
        var decision = await DecideOrRetryAsync(envelope, cancellationToken).ConfigureAwait(false);
        Conclude(activity, envelope, source, decision);
        return decision;
    }

    /// <summary>
    /// Dead-letters a message that is not an event at all (a transport could not read an envelope
    /// from it), with the same span, log and metric as any other dead letter.
    /// </summary>
    public DispatchDecision RejectUnreadable(EventEnvelope envelope, MessagingEndpoint source, string description)
    {
        using var activity = StartConsumerSpan(envelope, source);
        var decision = DispatchDecision.DeadLetter(DeadLetterReason.MalformedPayload, description);
        Conclude(activity, envelope, source, decision);
        return decision;
    }

    private static Activity? StartConsumerSpan(EventEnvelope envelope, MessagingEndpoint source)
    {
        ArgumentNullException.ThrowIfNull(envelope);
        ArgumentNullException.ThrowIfNull(source);
        ActivityContext.TryParse(envelope.TraceParent, envelope.TraceState, isRemote: true, out var parent);
        var activity = CqrsDiagnostics.ActivitySource.StartActivity(
            CqrsDiagnostics.SpanNames.Process(source.Destination), ActivityKind.Consumer, parent);
        if (activity is { IsAllDataRequested: true })
        {
            activity.SetTag(CqrsDiagnostics.Tags.MessagingSystem, source.MessagingSystem);
            activity.SetTag(CqrsDiagnostics.Tags.MessagingOperationType, "process");
            activity.SetTag(CqrsDiagnostics.Tags.MessagingDestination, source.Destination);
            activity.SetTag(CqrsDiagnostics.Tags.MessagingMessageId, envelope.EventId.ToString());
            activity.SetTag(CqrsDiagnostics.Tags.MessagingDeliveryAttempt, envelope.DeliveryAttempt);
            activity.SetTag(CqrsDiagnostics.Tags.MessageType, envelope.Name);
            source.OnProcessStarted(activity, envelope);
        }

        return activity;
    }

    private void Conclude(Activity? activity, EventEnvelope envelope, MessagingEndpoint source, DispatchDecision decision)
    {
        if (activity is { IsAllDataRequested: true })
        {
            activity.SetTag(CqrsDiagnostics.Tags.DispatchDecision, decision.Action.ToString());
            source.OnDecided(activity, decision);
        }

        if (decision.Action == DispatchAction.Complete)
        {
            return;
        }

        activity?.SetStatus(ActivityStatusCode.Error, decision.Reason?.ToString() ?? "retry");
        activity?.SetTag(CqrsDiagnostics.Tags.ErrorType, decision.Exception?.GetType().FullName ?? decision.Reason?.ToString());
        activity?.SetTag(CqrsDiagnostics.Tags.DeadLetterReason, decision.Reason?.ToString());
        LogDecision(envelope, decision);
        if (decision.Reason is { } reason)
        {
            _metrics.EventsDeadLettered.Add(1,
                new KeyValuePair<string, object?>(CqrsDiagnostics.Tags.MessageType, envelope.Name),
                new KeyValuePair<string, object?>(CqrsDiagnostics.Tags.DeadLetterReason, reason.ToString()));
        }
    }

    /// <summary>
    /// Decides; when the dispatch itself fails (say, the handler ledger is unreachable) the event is
    /// redelivered like a transient handler failure, until the delivery attempts run out.
    /// </summary>
    private async ValueTask<DispatchDecision> DecideOrRetryAsync(EventEnvelope envelope, CancellationToken cancellationToken)
    {
        try
        {
            return await DecideAsync(envelope, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (!cancellationToken.IsCancellationRequested)
        {
            return _policies.For(envelope.Name).Decide(envelope,
                $"Dispatch failed on delivery {envelope.DeliveryAttempt} with {exception.GetType().Name}: {exception.Message}",
                new DeliveryFailure(FailureKind.DispatchFailed, exception));
        }
    }

    private async ValueTask<DispatchDecision> DecideAsync(EventEnvelope envelope, CancellationToken cancellationToken)
    {
        if (!_invokers.Registry.TryGetByName(envelope.Name, out var descriptor) || descriptor.Kind != MessageKind.Event)
        {
            return DispatchDecision.DeadLetter(DeadLetterReason.UnknownEventName, $"No event named '{envelope.Name}' is registered.");
        }

        object? @event;
        try
        {
            @event = JsonSerializer.Deserialize(envelope.Payload, descriptor.JsonTypeInfo);
        }
        catch (JsonException exception)
        {
            return DispatchDecision.DeadLetter(DeadLetterReason.MalformedPayload,
                $"The payload is not a valid {descriptor.Name} v{descriptor.Version}: {exception.Message}", exception);
        }

        if (@event is null)
        {
            return DispatchDecision.DeadLetter(DeadLetterReason.MalformedPayload, $"The payload of {descriptor.Name} is null.");
        }

        var failure = await RunHandlersAsync(descriptor, envelope, @event, cancellationToken).ConfigureAwait(false);
        if (failure is not { } failed)
        {
            return DispatchDecision.Complete;
        }

        var what = failed.Error is null
            ? $"{failed.Handler} is being run for this event by another delivery (this is delivery {envelope.DeliveryAttempt})"
            : $"{failed.Handler} failed on delivery {envelope.DeliveryAttempt} with {failed.Error.GetType().Name}: {failed.Error.Message}";
        return _policies.For(descriptor.Name).Decide(envelope, what,
            new DeliveryFailure(failed.Error is null ? FailureKind.HandlerBusy : FailureKind.HandlerFailed, failed.Error, failed.HeldFor));
    }

    /// <summary>
    /// Runs every handler this delivery can claim in the ledger (not succeeded yet, not being run by
    /// another delivery), all of them even if one fails, so a redelivery only repeats what is left.
    /// Returns the first non-transient failure, else the first failure (a handler held elsewhere has
    /// no error), with how long the longest claim held elsewhere lasts; else nothing.
    /// </summary>
    private async ValueTask<(string Handler, Exception? Error, TimeSpan? HeldFor)?> RunHandlersAsync(
        MessageDescriptor descriptor, EventEnvelope envelope, object @event, CancellationToken cancellationToken)
    {
        (string Handler, Exception? Error, TimeSpan? HeldFor)? first = null;
        TimeSpan? heldFor = null;
        var eventId = envelope.EventId.ToString();
        var scope = _scopeFactory.CreateAsyncScope();
        await using var disposeScope = scope.ConfigureAwait(false);

        // Handlers, and whatever they send, run for the event's tenant as the service, on behalf of its user.
        using var caller = MessageCaller.Use(MessageCaller.ForService(envelope.TenantId, envelope.UserId));
        foreach (var handler in _invokers.EventHandlersOf(descriptor))
        {
            var claim = await _ledger.TryClaimAsync(envelope.EventId, handler.HandlerName, cancellationToken).ConfigureAwait(false);
            if (claim.Status == HandlerClaimStatus.Succeeded)
            {
                continue;
            }

            if (claim.Status == HandlerClaimStatus.Busy)
            {
                first ??= (handler.HandlerName, null, null);
                heldFor = claim.HeldFor > heldFor ? claim.HeldFor : heldFor ?? claim.HeldFor;
                continue;
            }

            try
            {
                await handler.InvokeAsync(@event, eventId, scope.ServiceProvider, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception exception) when (!cancellationToken.IsCancellationRequested)
            {
                await ReleaseAsync(claim).ConfigureAwait(false);
                if (first is not { Error: { } earlier } || _classifier.IsTransient(earlier) && !_classifier.IsTransient(exception))
                {
                    first = (handler.HandlerName, exception, null);
                }

                continue;
            }

            await _ledger.RecordSuccessAsync(claim, cancellationToken).ConfigureAwait(false);
        }

        // Whatever failed, a retry must not come back before a handler held elsewhere is free again.
        return first is { } failed ? failed with { HeldFor = heldFor } : null;
    }

    /// <summary>Frees a failed handler's claim for the next delivery; if that fails too, the claim lapses after its lease.</summary>
    private async ValueTask ReleaseAsync(HandlerClaim claim)
    {
        try
        {
            await _ledger.ReleaseAsync(claim, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception exception)
        {
            LogReleaseFailed(_logger, exception, claim.HandlerName, claim.EventId);
        }
    }

    private void LogDecision(EventEnvelope envelope, DispatchDecision decision)
    {
        if (decision.Action == DispatchAction.Retry)
        {
            LogRetry(_logger, envelope.Name, envelope.EventId, envelope.DeliveryAttempt, decision.Description);
        }
        else
        {
            LogDeadLetter(_logger, decision.Exception, envelope.Name, envelope.EventId, envelope.DeliveryAttempt, decision.Reason, decision.Description);
        }
    }

    [LoggerMessage(EventId = CqrsLogEvents.Events.EventRetry, EventName = nameof(CqrsLogEvents.Events.EventRetry), Level = LogLevel.Warning,
        Message = "event {type} {id} will be redelivered after delivery {deliveryAttempt}: {description}")]
    private static partial void LogRetry(ILogger logger, string type, Guid id, int deliveryAttempt, string? description);

    [LoggerMessage(EventId = CqrsLogEvents.Events.HandlerClaimReleaseFailed, EventName = nameof(CqrsLogEvents.Events.HandlerClaimReleaseFailed), Level = LogLevel.Warning,
        Message = "the claim of {handler} on event {id} could not be released; it lapses after its lease")]
    private static partial void LogReleaseFailed(ILogger logger, Exception exception, string handler, Guid id);

    [LoggerMessage(EventId = CqrsLogEvents.Events.EventDeadLettered, EventName = nameof(CqrsLogEvents.Events.EventDeadLettered), Level = LogLevel.Error,
        Message = "event {type} {id} dead-lettered after delivery {deliveryAttempt} ({reason}): {description}")]
    private static partial void LogDeadLetter(
        ILogger logger, Exception? exception, string type, Guid id, int deliveryAttempt, DeadLetterReason? reason, string? description);
}
