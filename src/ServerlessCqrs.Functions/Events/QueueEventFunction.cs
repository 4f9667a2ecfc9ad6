using Azure.Storage.Queues.Models;
using Microsoft.Azure.Functions.Worker;
using ServerlessCqrs.Azure.StorageQueues;
using ServerlessCqrs.Events;

namespace ServerlessCqrs.Functions.Events;

/// <summary>
/// Dispatches events from the Storage Queue (the transport for local runs on Azurite). Success
/// returns, so the host deletes the message; a dead letter is already in the poison queue with its
/// reason, so it returns too; a retry throws, so the host makes the message visible again after
/// <c>visibilityTimeout</c> and counts the delivery. The dispatcher dead-letters at
/// <c>Cqrs:Events:MaxDeliveryAttempts</c>, before the host's <c>maxDequeueCount</c> would poison it without a reason.
/// </summary>
public sealed class QueueEventFunction(StorageQueueEventDelivery delivery)
{
    /// <summary>One queue message.</summary>
    [Function("DispatchQueuedEvent")]
    public async Task RunAsync(
        [QueueTrigger("%Cqrs:Events:StorageQueue:QueueName%", Connection = "Storage")] QueueMessage message,
        CancellationToken cancellationToken)
    {
        var decision = await delivery.DeliverAsync(message, cancellationToken);
        if (decision.Action == DispatchAction.Retry)
        {
            throw new EventRedeliveryException(decision.Description ?? "A handler failed transiently.", decision.Exception);
        }
    }
}
