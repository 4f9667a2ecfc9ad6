using Azure;
using Azure.Identity;
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

        var services = new ServiceCollection();
        services.AddSingleton(configuration);
        services.AddLogging();
        ServiceProvider? provider = null;
        try
        {
            services.AddServerlessCqrsApp(configuration);
            provider = services.BuildServiceProvider();
            var queue = provider.GetRequiredService<IDeadLetterQueue>();
            var target = storageQueue ? StorageQueueTarget(provider) : ServiceBusTarget(provider);
            return new DeadLetterSource(provider, queue, target);
        }
        catch (Exception failure) when (failure is InvalidOperationException or OptionsValidationException or FormatException or ArgumentException)
        {
            provider?.Dispose();
            throw new OpsException($"The app's settings do not open its dead letters: {failure.Message}", failure);
        }
    }

    /// <summary>Runs <paramref name="work"/> on the dead letters; a broker failure becomes one line naming <see cref="Target"/>.</summary>
    public async Task<T> RunAsync<T>(Func<IDeadLetterQueue, CancellationToken, Task<T>> work, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(work);
        try
        {
            return await work(Queue, cancellationToken);
        }
        catch (OperationCanceledException failure) when (cancellationToken.IsCancellationRequested)
        {
            throw new OpsException($"No answer from {Target} before the time limit (--timeout).", failure);
        }
        catch (AggregateException failure) when (failure.InnerExceptions.Count > 0)
        {
            // The SDK's retries all failed, each the same way.
            var last = failure.InnerExceptions[^1];
            throw new OpsException($"Cannot reach {Target} ({failure.InnerExceptions.Count} tries): {FailureText.FirstLine(last.Message)}", failure);
        }
        catch (RequestFailedException failure) when (failure.Status == 0)
        {
            throw new OpsException($"Cannot reach {Target}: {failure.InnerException?.Message ?? failure.Message}", failure);
        }
        catch (RequestFailedException failure) when (failure.Status is 401 or 403)
        {
            throw new OpsException($"{Target} refused the credentials ({failure.Status} {failure.ErrorCode}): check the connection's key or the identity's role.", failure);
        }
        catch (RequestFailedException failure)
        {
            throw new OpsException($"{Target} answered {failure.Status} {failure.ErrorCode}.", failure);
        }
        catch (ServiceBusException failure)
        {
            throw new OpsException($"{Target} failed: {failure.Reason} ({FailureText.FirstLine(failure.Message)}).", failure);
        }
        catch (UnauthorizedAccessException failure)
        {
            throw new OpsException($"{Target} refused the credentials: {FailureText.FirstLine(failure.Message)}", failure);
        }
        catch (AuthenticationFailedException failure)
        {
            throw new OpsException($"No token for {Target}: sign in (az login) or set the connection string. {FailureText.FirstLine(failure.Message)}", failure);
        }
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
