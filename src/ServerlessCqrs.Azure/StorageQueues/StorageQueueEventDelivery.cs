using Azure.Storage.Queues.Models;
using ServerlessCqrs.Events;

namespace ServerlessCqrs.Azure.StorageQueues;

/// <summary>
/// Handles one message of the events queue for whoever received it (the Functions queue trigger or
/// the LocalHost's listener): reads the event, dispatches it, writes a dead letter with its reason to
/// the poison queue, and for a retry sends a copy that stays hidden for the failure policy's delay
/// (with the next delivery attempt), since the host's own redelivery waits a fixed time. Either way
/// the received message is then done with: the caller deletes it (the trigger by returning). If this
/// throws, the message simply reappears after its visibility timeout.
/// </summary>
public sealed class StorageQueueEventDelivery
{
    private readonly EventDispatcher _dispatcher;
    private readonly EventQueues _queues;
    private readonly TimeProvider _timeProvider;
    private readonly MessagingEndpoint _source;

    internal StorageQueueEventDelivery(EventDispatcher dispatcher, EventQueues queues, TimeProvider timeProvider)
    {
        _dispatcher = dispatcher;
        _queues = queues;
        _timeProvider = timeProvider;
        _source = queues.Endpoint;
    }

    /// <summary>Dispatches the message's event; a dead letter or a retry's copy is queued when this returns.</summary>
    public async ValueTask<DispatchDecision> DeliverAsync(QueueMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var body = message.Body.ToString();
        DispatchDecision decision;
        if (QueueEventMessages.TryRead(body, message.MessageId, out var envelope, out var problem))
        {
            // A copy sent for a retry carries its attempt; a copy the host redelivered (a crash) adds its dequeues.
            envelope = envelope with { DeliveryAttempt = envelope.DeliveryAttempt + (int)Math.Max(0, message.DequeueCount - 1) };
            decision = await _dispatcher.DispatchAsync(envelope, _source, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            decision = _dispatcher.RejectUnreadable(envelope, _source, problem!);
        }

        if (decision.Action == DispatchAction.Retry)
        {
            var events = await _queues.EventsAsync(cancellationToken).ConfigureAwait(false);
            await events.SendMessageAsync(
                QueueEventMessages.Write(envelope.NextDelivery(_timeProvider.GetUtcNow())),
                visibilityTimeout: decision.RetryAfter, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        else if (decision.Action == DispatchAction.DeadLetter)
        {
            var poison = await _queues.PoisonAsync(cancellationToken).ConfigureAwait(false);
            var deadLetter = DeadLetter.From(envelope, decision, _timeProvider.GetUtcNow());
            await poison.SendMessageAsync(QueueEventMessages.Write(deadLetter), cancellationToken).ConfigureAwait(false);
        }

        return decision;
    }
}
