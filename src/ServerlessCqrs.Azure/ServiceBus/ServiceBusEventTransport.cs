using Azure.Messaging.ServiceBus;
using ServerlessCqrs.Events;

namespace ServerlessCqrs.Azure.ServiceBus;

/// <summary>
/// Sends events to the topic in as few batches as the SDK's size limit allows (the batch knows the
/// namespace's maximum message and batch size).
/// </summary>
internal sealed class ServiceBusEventTransport(ServiceBusSender sender) : IEventTransport
{
    public MessagingEndpoint Endpoint { get; } = new ServiceBusEndpoint(sender.EntityPath);

    public async ValueTask SendAsync(IReadOnlyList<EventEnvelope> envelopes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(envelopes);
        var batch = await sender.CreateMessageBatchAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            foreach (var envelope in envelopes)
            {
                var message = ServiceBusEventMessages.ToMessage(envelope);
                if (batch.TryAddMessage(message))
                {
                    continue;
                }

                // Full: send what it holds and start the next batch with this message.
                EnsureFits(batch.Count > 0, envelope, batch);
                await sender.SendMessagesAsync(batch, cancellationToken).ConfigureAwait(false);
                batch.Dispose();
                batch = await sender.CreateMessageBatchAsync(cancellationToken).ConfigureAwait(false);
                EnsureFits(batch.TryAddMessage(message), envelope, batch);
            }

            if (batch.Count > 0)
            {
                await sender.SendMessagesAsync(batch, cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            batch.Dispose();
        }
    }

    private static void EnsureFits(bool fits, EventEnvelope envelope, ServiceBusMessageBatch batch)
    {
        if (!fits)
        {
            throw new UnsendableEventException(envelope,
                $"Event {envelope.Name} {envelope.EventId} does not fit in a Service Bus message ({batch.MaxSizeInBytes} bytes at most).");
        }
    }
}
