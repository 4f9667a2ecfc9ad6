using Azure.Messaging.ServiceBus;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ServerlessCqrs.Azure.ServiceBus;

/// <summary>
/// Receives from the events subscription where no Service Bus trigger does (background work of a
/// long-running host such as the LocalHost), settling each message as the trigger would:
/// complete (a retry is a scheduled copy), or dead-letter with the reason and properties.
/// </summary>
internal sealed partial class ServiceBusEventProcessor(
    ServiceBusClient client,
    ServiceBusEventDelivery delivery,
    IOptions<ServiceBusOptions> options,
    ILogger<ServiceBusEventProcessor> logger) : IHostedService, IAsyncDisposable
{
    private ServiceBusProcessor? _processor;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        _processor = client.CreateProcessor(settings.TopicName, settings.SubscriptionName, new ServiceBusProcessorOptions
        {
            AutoCompleteMessages = false,
            MaxConcurrentCalls = settings.MaxConcurrentCalls,
        });
        _processor.ProcessMessageAsync += HandleAsync;
        _processor.ProcessErrorAsync += args =>
        {
            LogReceiveFailed(logger, args.Exception, args.ErrorSource.ToString(), args.EntityPath);
            return Task.CompletedTask;
        };
        await _processor.StartProcessingAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_processor is not null)
        {
            await _processor.StopProcessingAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_processor is not null)
        {
            await _processor.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <summary>One message: dispatch, then settle.</summary>
    internal async Task HandleAsync(ProcessMessageEventArgs args)
    {
        var settlement = await delivery.DeliverAsync(args.Message, args.CancellationToken).ConfigureAwait(false);
        if (settlement.IsDeadLetter)
        {
            await args.DeadLetterMessageAsync(args.Message, settlement.DeadLetterProperties(), settlement.DeadLetter!.Reason,
                settlement.DeadLetter.Description, args.CancellationToken).ConfigureAwait(false);
        }
        else
        {
            await args.CompleteMessageAsync(args.Message, args.CancellationToken).ConfigureAwait(false);
        }
    }

    [LoggerMessage(EventId = AzureDiagnostics.LogEvents.ServiceBusReceiveFailed, EventName = nameof(AzureDiagnostics.LogEvents.ServiceBusReceiveFailed), Level = LogLevel.Warning,
        Message = "Receiving from Service Bus failed ({source}, {entityPath}); the processor keeps trying")]
    private static partial void LogReceiveFailed(ILogger logger, Exception exception, string source, string entityPath);
}
