using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ServerlessCqrs.Diagnostics;
using ServerlessCqrs.Events;
using ServerlessCqrs.Resilience;

namespace ServerlessCqrs.Outbox;

/// <summary>
/// Sends outbox events through the configured transport inside a producer span (<c>send
/// {destination}</c>), counts them as published, and marks them dispatched.
/// </summary>
internal sealed partial class OutboxRelay(
    IEventTransport transport,
    IOutboxStore outbox,
    ITransientErrorClassifier classifier,
    CqrsMetrics metrics,
    TimeProvider timeProvider,
    IOptionsMonitor<OutboxOptions> options,
    ILogger<OutboxRelay> logger) : IOutboxRelay
{
    public async ValueTask RelayAsync(IReadOnlyList<EventEnvelope> envelopes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(envelopes);
        if (envelopes.Count == 0)
        {
            return;
        }

        // The state change these events belong to has happened: a failure here must not fail the command.
        try
        {
            await SendAsync(envelopes, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (classifier.IsTransient(exception))
        {
            LogRelayFailed(logger, exception, envelopes.Count, options.CurrentValue.PendingAge.TotalSeconds);
        }
        catch (Exception exception)
        {
            LogRelayFaulted(logger, exception, envelopes.Count, options.CurrentValue.PendingAge.TotalSeconds);
        }
    }

    public async ValueTask<int> SweepAsync(CancellationToken cancellationToken)
    {
        var settings = options.CurrentValue;
        var recordedBefore = timeProvider.GetUtcNow() - settings.PendingAge;
        var pending = await outbox.GetPendingAsync(recordedBefore, settings.BatchSize, cancellationToken).ConfigureAwait(false);
        if (pending.Count > 0)
        {
            await SendAsync(pending, cancellationToken).ConfigureAwait(false);
            LogSwept(logger, pending.Count);
        }

        return pending.Count;
    }

    /// <summary>
    /// Sends the events; one the transport can never carry is parked with its reason and the rest are
    /// sent without it, so it holds nothing back. Other failures leave the events pending.
    /// </summary>
    private async ValueTask SendAsync(IReadOnlyList<EventEnvelope> envelopes, CancellationToken cancellationToken)
    {
        var remaining = envelopes.ToList();
        while (remaining.Count > 0)
        {
            try
            {
                await SendNowAsync(remaining, cancellationToken).ConfigureAwait(false);
                return;
            }
            catch (UnsendableEventException unsendable) when (unsendable.Envelope is { } envelope && remaining.Remove(envelope))
            {
                await outbox.ParkAsync(envelope, unsendable.Message, timeProvider.GetUtcNow(), cancellationToken).ConfigureAwait(false);
                metrics.EventsDeadLettered.Add(1,
                    new KeyValuePair<string, object?>(CqrsDiagnostics.Tags.MessageType, envelope.Name),
                    new KeyValuePair<string, object?>(CqrsDiagnostics.Tags.DeadLetterReason, nameof(DeadLetterReason.Unsendable)));
                LogParked(logger, envelope.Name, envelope.EventId, unsendable.Message);
            }
        }
    }

    private async ValueTask SendNowAsync(IReadOnlyList<EventEnvelope> envelopes, CancellationToken cancellationToken)
    {
        using (var activity = StartProducerSpan(envelopes))
        {
            try
            {
                await transport.SendAsync(envelopes, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception exception)
            {
                activity?.SetStatus(ActivityStatusCode.Error, exception.GetType().Name);
                activity?.SetTag(CqrsDiagnostics.Tags.ErrorType, exception.GetType().FullName);
                throw;
            }
        }

        if (metrics.EventsPublished.Enabled)
        {
            foreach (var envelope in envelopes)
            {
                metrics.EventsPublished.Add(1, new KeyValuePair<string, object?>(CqrsDiagnostics.Tags.MessageType, envelope.Name));
            }
        }

        await outbox.MarkDispatchedAsync(envelopes, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// A child of the current span (the command that raised the events); a sweep runs outside any
    /// request, so its span links to the trace of each event it re-sends instead.
    /// </summary>
    private Activity? StartProducerSpan(IReadOnlyList<EventEnvelope> envelopes)
    {
        if (!CqrsDiagnostics.ActivitySource.HasListeners())
        {
            return null;
        }

        var endpoint = transport.Endpoint;
        var links = Activity.Current is null
            ? envelopes.Select(e => ActivityContext.TryParse(e.TraceParent, e.TraceState, isRemote: true, out var context) ? new ActivityLink(context) : default)
                .Where(l => l.Context != default).ToArray()
            : null;
        var activity = CqrsDiagnostics.ActivitySource.StartActivity(
            CqrsDiagnostics.SpanNames.Send(endpoint.Destination), ActivityKind.Producer, parentContext: default, links: links);
        if (activity is { IsAllDataRequested: true })
        {
            activity.SetTag(CqrsDiagnostics.Tags.MessagingSystem, endpoint.MessagingSystem);
            activity.SetTag(CqrsDiagnostics.Tags.MessagingOperationType, "send");
            activity.SetTag(CqrsDiagnostics.Tags.MessagingDestination, endpoint.Destination);
            if (envelopes.Count == 1)
            {
                activity.SetTag(CqrsDiagnostics.Tags.MessagingMessageId, envelopes[0].EventId.ToString());
                activity.SetTag(CqrsDiagnostics.Tags.MessageType, envelopes[0].Name);
            }
            else
            {
                activity.SetTag(CqrsDiagnostics.Tags.MessagingBatchCount, envelopes.Count);
            }
        }

        return activity;
    }

    [LoggerMessage(EventId = CqrsLogEvents.Outbox.OutboxRelayFailed, EventName = nameof(CqrsLogEvents.Outbox.OutboxRelayFailed), Level = LogLevel.Warning,
        Message = "Relaying {count} events failed; the sweeper re-sends them once they are {pendingAgeSeconds} s old")]
    private static partial void LogRelayFailed(ILogger logger, Exception exception, int count, double pendingAgeSeconds);

    [LoggerMessage(EventId = CqrsLogEvents.Outbox.OutboxRelayFaulted, EventName = nameof(CqrsLogEvents.Outbox.OutboxRelayFaulted), Level = LogLevel.Error,
        Message = "Relaying {count} events failed unexpectedly; they stay pending and the sweeper retries them once they are {pendingAgeSeconds} s old")]
    private static partial void LogRelayFaulted(ILogger logger, Exception exception, int count, double pendingAgeSeconds);

    [LoggerMessage(EventId = CqrsLogEvents.Outbox.OutboxEventParked, EventName = nameof(CqrsLogEvents.Outbox.OutboxEventParked), Level = LogLevel.Error,
        Message = "Event {type} {id} can never be sent and is parked: {reason}")]
    private static partial void LogParked(ILogger logger, string type, Guid id, string reason);

    [LoggerMessage(EventId = CqrsLogEvents.Outbox.OutboxSwept, EventName = nameof(CqrsLogEvents.Outbox.OutboxSwept), Level = LogLevel.Information,
        Message = "The outbox sweeper re-sent {count} events left behind")]
    private static partial void LogSwept(ILogger logger, int count);
}
