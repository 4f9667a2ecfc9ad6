using Azure.Storage.Queues;
using Microsoft.Extensions.Options;
using ServerlessCqrs.Events;

namespace ServerlessCqrs.Azure.StorageQueues;

/// <summary>The events queue and its poison queue, each created on first use.</summary>
internal sealed class EventQueues : IDisposable
{
    private readonly CreatedOnFirstUse<QueueClient> _queues;
    private readonly StorageQueueOptions _options;

    /// <param name="service">A client whose messages are base64, as the Functions queue trigger expects.</param>
    /// <param name="options">The queue names.</param>
    public EventQueues(QueueServiceClient service, IOptions<StorageQueueOptions> options)
    {
        _queues = new(service.GetQueueClient, (queue, ct) => queue.CreateIfNotExistsAsync(cancellationToken: ct));
        _options = options.Value;
    }

    /// <summary>The events queue, for the producer and consumer spans.</summary>
    public MessagingEndpoint Endpoint => new(AzureDiagnostics.MessagingSystems.StorageQueue, _options.QueueName);

    public ValueTask<QueueClient> EventsAsync(CancellationToken cancellationToken) => _queues.GetAsync(_options.QueueName, cancellationToken);

    public ValueTask<QueueClient> PoisonAsync(CancellationToken cancellationToken) => _queues.GetAsync(_options.PoisonQueueName, cancellationToken);

    public void Dispose() => _queues.Dispose();
}
