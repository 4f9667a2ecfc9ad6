using Azure;
using Azure.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ServerlessCqrs.Azure.StorageQueues;
using ServerlessCqrs.Azure.Tables;

namespace ServerlessCqrs.Azure;

/// <summary>
/// Creates the tables and queues the configured adapters use as soon as the host starts, in the
/// background. The Functions host polls the events queue from its start (and logs 404 until the queue
/// exists), and a fresh account or Azurite then needs no setup step. A failure is logged and does not
/// stop the host: every table and queue is also created on first use.
/// </summary>
internal sealed partial class StorageProvisioner(IServiceProvider services, ILogger<StorageProvisioner> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (services.GetService<CqrsTables>() is { } tables)
        {
            foreach (var table in services.GetRequiredService<IOptions<TableStorageOptions>>().Value.AllTables)
            {
                await EnsureAsync("table", table, ct => tables.GetAsync(table, ct), stoppingToken).ConfigureAwait(false);
            }
        }

        if (services.GetService<EventQueues>() is { } queues)
        {
            var options = services.GetRequiredService<IOptions<StorageQueueOptions>>().Value;
            await EnsureAsync("queue", options.QueueName, queues.EventsAsync, stoppingToken).ConfigureAwait(false);
            await EnsureAsync("queue", options.PoisonQueueName, queues.PoisonAsync, stoppingToken).ConfigureAwait(false);
        }
    }

    private async Task EnsureAsync<TClient>(string kind, string name, Func<CancellationToken, ValueTask<TClient>> create, CancellationToken cancellationToken)
    {
        try
        {
            await create(cancellationToken).ConfigureAwait(false);
            LogReady(logger, kind, name);
        }
        catch (Exception exception) when (exception is RequestFailedException or AuthenticationFailedException)
        {
            LogNotReady(logger, exception, kind, name);
        }
    }

    [LoggerMessage(EventId = AzureDiagnostics.LogEvents.StorageEntityReady, EventName = nameof(AzureDiagnostics.LogEvents.StorageEntityReady), Level = LogLevel.Debug, Message = "Storage {kind} {name} is ready")]
    private static partial void LogReady(ILogger logger, string kind, string name);

    [LoggerMessage(EventId = AzureDiagnostics.LogEvents.StorageEntityNotReady, EventName = nameof(AzureDiagnostics.LogEvents.StorageEntityNotReady), Level = LogLevel.Warning,
        Message = "Storage {kind} {name} could not be created at start; it is created on first use")]
    private static partial void LogNotReady(ILogger logger, Exception exception, string kind, string name);
}
