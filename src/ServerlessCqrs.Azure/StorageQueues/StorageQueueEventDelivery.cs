using Azure.Storage.Queues.Models;
using ServerlessCqrs.Events;

namespace ServerlessCqrs.Azure.StorageQueues;

/// <summary>
/// Handles one message of the events queue for whoever received it (the Functions queue trigger or
/// the LocalHost's listener): reads the event, dispatches it, and on a dead-letter decision writes
/// it with its reason to the poison queue. The caller then deletes the message (complete, dead
/// letter) or lets it reappear (retry).
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

    /// <summary>Dispatches the message's event; a dead letter is in the poison queue when this returns.</summary>
    public async ValueTask<DispatchDecision> DeliverAsync(QueueMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var body = message.Body.ToString();
        DispatchDecision decision;
        if (QueueEventMessages.TryRead(body, message.MessageId, out var envelope, out var problem))
        {
            envelope = envelope with { DeliveryAttempt = (int)Math.Max(1, message.DequeueCount) };
            decision = await _dispatcher.DispatchAsync(envelope, _source, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            decision = _dispatcher.RejectUnreadable(envelope, _source, problem!);
        }

        if (decision.Action == DispatchAction.DeadLetter)
        {
            var poison = await _queues.PoisonAsync(cancellationToken).ConfigureAwait(false);
            var deadLetter = DeadLetter.From(envelope, decision, _timeProvider.GetUtcNow());
            await poison.SendMessageAsync(QueueEventMessages.Write(deadLetter), cancellationToken).ConfigureAwait(false);
        }

        return decision;
    }
}
