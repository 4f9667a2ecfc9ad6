using Azure.Storage.Queues.Models;
using Microsoft.Azure.Functions.Worker;
using ServerlessCqrs.Azure.StorageQueues;

namespace ServerlessCqrs.Functions.Events;

/// <summary>
/// Dispatches events from the Storage Queue (the transport for local runs on Azurite). Returning lets
/// the host delete the message: a dead letter is already in the poison queue with its reason, and a
/// retry is a copy already queued, hidden for the failure policy's delay (the host's own redelivery
/// waits a fixed <c>visibilityTimeout</c>). If this throws, the host redelivers the message and counts it.
/// </summary>
public sealed class QueueEventFunction(StorageQueueEventDelivery delivery)
{
    /// <summary>One queue message.</summary>
    [Function("DispatchQueuedEvent")]
    public async Task RunAsync(
        [QueueTrigger("%Cqrs:Events:StorageQueue:QueueName%", Connection = "Storage")] QueueMessage message,
        CancellationToken cancellationToken) =>
        await delivery.DeliverAsync(message, cancellationToken).ConfigureAwait(false);
}
