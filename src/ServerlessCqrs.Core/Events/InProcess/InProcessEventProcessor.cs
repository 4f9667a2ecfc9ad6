using System.Collections.Concurrent;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ServerlessCqrs.Diagnostics;

namespace ServerlessCqrs.Events.InProcess;

/// <summary>
/// Drains the in-process channel: dispatches each event, redelivers after the delay the failure
/// policy gives when the dispatcher says retry, and moves dead-lettered events to the in-memory dead-letter queue.
/// Idle unless the in-process transport is the configured one.
/// </summary>
internal sealed partial class InProcessEventProcessor(
    InProcessEventChannel channel,
    IEventTransport transport,
    EventDispatcher dispatcher,
    InMemoryDeadLetterQueue deadLetters,
    TimeProvider timeProvider,
    IOptions<InProcessTransportOptions> options,
    ILogger<InProcessEventProcessor> logger) : BackgroundService
{
    private readonly ConcurrentDictionary<Task, byte> _redeliveries = new();

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (transport is not InProcessEventTransport)
        {
            return;
        }

        var workers = Enumerable.Range(0, options.Value.MaxConcurrency).Select(_ => WorkAsync(stoppingToken));
        await Task.WhenAll(workers).ConfigureAwait(false);
        await Task.WhenAll(_redeliveries.Keys).ConfigureAwait(false);
    }

    private async Task WorkAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var envelope in channel.Reader.ReadAllAsync(stoppingToken).ConfigureAwait(false))
            {
                await ProcessAsync(envelope, stoppingToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // The host is stopping.
        }
    }

    private async Task ProcessAsync(EventEnvelope envelope, CancellationToken stoppingToken)
    {
        DispatchDecision decision;
        try
        {
            decision = await dispatcher.DispatchAsync(envelope, InProcessEventChannel.Source, stoppingToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            return;
        }

        switch (decision.Action)
        {
            case DispatchAction.Retry:
                Redeliver(envelope.NextDelivery(timeProvider.GetUtcNow()), decision.RetryAfter, stoppingToken);
                break;
            case DispatchAction.DeadLetter:
                deadLetters.Add(DeadLetter.From(envelope, decision, timeProvider.GetUtcNow()));
                break;
        }
    }

    private void Redeliver(EventEnvelope envelope, TimeSpan delay, CancellationToken stoppingToken)
    {
        var redelivery = RedeliverAfterAsync(envelope, delay, stoppingToken);
        if (_redeliveries.TryAdd(redelivery, 0))
        {
            _ = redelivery.ContinueWith(t => _redeliveries.TryRemove(t, out _), CancellationToken.None,
                TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        }
    }

    private async Task RedeliverAfterAsync(EventEnvelope envelope, TimeSpan delay, CancellationToken stoppingToken)
    {
        try
        {
            await Task.Delay(delay, timeProvider, stoppingToken).ConfigureAwait(false);
            await channel.Writer.WriteAsync(envelope, stoppingToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            LogRedeliveryDropped(logger, envelope.Name, envelope.EventId);
        }
    }

    [LoggerMessage(EventId = CqrsLogEvents.InProcess.InProcessRedeliveryDropped, EventName = nameof(CqrsLogEvents.InProcess.InProcessRedeliveryDropped), Level = LogLevel.Warning,
        Message = "event {type} {id} was waiting for redelivery when the host stopped; the in-process transport does not persist it")]
    private static partial void LogRedeliveryDropped(ILogger logger, string type, Guid id);
}
