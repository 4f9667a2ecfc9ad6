using Azure.Storage.Queues.Models;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ServerlessCqrs.Azure.StorageQueues;

/// <summary>
/// Listens to the events queue where no queue trigger does (background work of a long-running host such
/// as the LocalHost): receives batches, handles them in parallel and
/// deletes each once handled (a retry is a delayed copy, see <see cref="StorageQueueEventDelivery"/>).
/// A message whose handling outlives the visibility timeout, or whose host dies, simply reappears.
/// </summary>
internal sealed partial class StorageQueueEventProcessor(
    EventQueues queues,
    StorageQueueEventDelivery delivery,
    TimeProvider timeProvider,
    IOptions<StorageQueueOptions> options,
    ILogger<StorageQueueEventProcessor> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        var idle = settings.MaxPollingInterval / 8;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var received = await ReceiveAsync(settings, stoppingToken).ConfigureAwait(false);
                idle = received > 0 ? settings.MaxPollingInterval / 8 : Min(idle * 2, settings.MaxPollingInterval);
                if (received == 0)
                {
                    await Task.Delay(idle, timeProvider, stoppingToken).ConfigureAwait(false);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception)
            {
                LogPollFailed(logger, exception, settings.MaxPollingInterval.TotalSeconds);
                await Task.Delay(settings.MaxPollingInterval, timeProvider, stoppingToken).ConfigureAwait(false);
            }
        }
    }

    private async Task<int> ReceiveAsync(StorageQueueOptions settings, CancellationToken stoppingToken)
    {
        var queue = await queues.EventsAsync(stoppingToken).ConfigureAwait(false);
        QueueMessage[] messages = (await queue.ReceiveMessagesAsync(settings.BatchSize, settings.VisibilityTimeout, stoppingToken).ConfigureAwait(false)).Value;
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = settings.MaxConcurrency, CancellationToken = stoppingToken };
        await Parallel.ForEachAsync(messages, parallel, async (message, ct) =>
        {
            await delivery.DeliverAsync(message, ct).ConfigureAwait(false);
            await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt, ct).ConfigureAwait(false);
        }).ConfigureAwait(false);
        return messages.Length;
    }

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;

    [LoggerMessage(EventId = AzureDiagnostics.LogEvents.StorageQueuePollFailed, EventName = nameof(AzureDiagnostics.LogEvents.StorageQueuePollFailed), Level = LogLevel.Warning,
        Message = "Receiving from the events queue failed; trying again in {retrySeconds} s")]
    private static partial void LogPollFailed(ILogger logger, Exception exception, double retrySeconds);
}
