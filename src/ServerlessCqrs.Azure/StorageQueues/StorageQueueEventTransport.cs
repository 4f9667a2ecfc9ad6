using ServerlessCqrs.Events;

namespace ServerlessCqrs.Azure.StorageQueues;

/// <summary>Sends events to the Storage Queue, one message each (queues have no batch send), in parallel.</summary>
internal sealed class StorageQueueEventTransport(EventQueues queues) : IEventTransport
{
    /// <summary>A queue message holds 64 KiB; base64 turns 48 KiB of JSON into that.</summary>
    public const int MaxMessageBytes = 48 * 1024;

    public MessagingEndpoint Endpoint => queues.Endpoint;

    public async ValueTask SendAsync(IReadOnlyList<EventEnvelope> envelopes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(envelopes);
        var queue = await queues.EventsAsync(cancellationToken).ConfigureAwait(false);
        var messages = envelopes.Select(QueueEventMessages.Write).ToArray();
        for (var i = 0; i < messages.Length; i++)
        {
            var bytes = System.Text.Encoding.UTF8.GetByteCount(messages[i]);
            if (bytes > MaxMessageBytes)
            {
                throw new UnsendableEventException(envelopes[i],
                    $"Event {envelopes[i].Name} {envelopes[i].EventId} is {bytes} bytes as a message; a Storage Queue message holds {MaxMessageBytes} before base64.");
            }
        }

        await Task.WhenAll(messages.Select(m => queue.SendMessageAsync(m, cancellationToken))).ConfigureAwait(false);
    }
}
