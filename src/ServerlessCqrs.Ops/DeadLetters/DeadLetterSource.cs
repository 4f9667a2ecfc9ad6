using Azure.Messaging.ServiceBus;
using Azure.Storage.Queues;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using ServerlessCqrs.Azure;
using ServerlessCqrs.Azure.ServiceBus;
using ServerlessCqrs.Azure.StorageQueues;
using ServerlessCqrs.Events;
using ServerlessCqrs.Ops.Cli;

namespace ServerlessCqrs.Ops.DeadLetters;

/// <summary>
/// The app's dead letters, reached from the app's own settings (<c>Cqrs:Events:Transport</c>, the
/// connection it names, the queue or subscription names) by composing the app's Azure adapters. Every
/// failure of the broker becomes one line that names it.
/// </summary>
internal sealed class DeadLetterSource : IAsyncDisposable
{
    private readonly ServiceProvider _services;

    private DeadLetterSource(ServiceProvider services, IDeadLetterQueue queue, string target)
    {
        _services = services;
        Queue = queue;
        Target = target;
    }

    /// <summary>The dead letters.</summary>
    public IDeadLetterQueue Queue { get; }

    /// <summary>Where they are, for people: the poison queue or the subscription's dead-letter sub-queue, and the account or namespace.</summary>
    public string Target { get; }

    /// <summary>Opens the dead letters the settings name.</summary>
    /// <exception cref="OpsException">The transport keeps no dead letters outside the app, or a setting is missing or wrong.</exception>
    public static DeadLetterSource Open(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var transport = configuration[CqrsBuilder.TransportKey]?.Trim();
        var storageQueue = string.Equals(transport, AzureSettings.StorageQueue, StringComparison.OrdinalIgnoreCase);
        if (!storageQueue && !AzureSettings.UsesServiceBus(configuration))
        {
            throw new OpsException(
                $"{CqrsBuilder.TransportKey} is {(string.IsNullOrEmpty(transport) ? "not set (InProcess)" : transport)}: that transport keeps its dead letters " +
                $"in the app's memory. Set it to {AzureSettings.StorageQueue} or {AzureSettings.ServiceBus} with the app's connection, or use the app's " +
                "API: GET /api/ops/deadletters (the LocalHost serves it with Cqrs:Http:EnableAdminApi=true).");
        }

        return AppServices.Open(configuration, "its dead letters", provider => new DeadLetterSource(
            provider, provider.GetRequiredService<IDeadLetterQueue>(), storageQueue ? StorageQueueTarget(provider) : ServiceBusTarget(provider)));
    }

    /// <summary>Runs <paramref name="work"/> on the dead letters; a broker failure becomes one line naming <see cref="Target"/>.</summary>
    public Task<T> RunAsync<T>(Func<IDeadLetterQueue, CancellationToken, Task<T>> work, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(work);
        return AzureFailures.RunAsync(Target, ct => work(Queue, ct), cancellationToken);
    }

    public ValueTask DisposeAsync() => _services.DisposeAsync();

    private static string StorageQueueTarget(IServiceProvider services)
    {
        var queue = services.GetRequiredService<IOptions<StorageQueueOptions>>().Value.PoisonQueueName;
        return $"the Storage Queue {queue} at {services.GetRequiredService<QueueServiceClient>().Uri.GetLeftPart(UriPartial.Path).TrimEnd('/')}";
    }

    private static string ServiceBusTarget(IServiceProvider services)
    {
        var options = services.GetRequiredService<IOptions<ServiceBusOptions>>().Value;
        return $"the dead letters of Service Bus subscription {options.TopicName}/{options.SubscriptionName} " +
            $"at {services.GetRequiredService<ServiceBusClient>().FullyQualifiedNamespace}";
    }
}
