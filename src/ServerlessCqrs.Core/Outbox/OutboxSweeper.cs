using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ServerlessCqrs.Diagnostics;

namespace ServerlessCqrs.Outbox;

/// <summary>
/// Re-sends events a crash or a failed send left in the outbox, on an interval, until the host stops: background
/// work of a long-running host. (The Functions app runs the same sweep from a timer trigger through <see cref="IOutboxRelay"/>.)
/// </summary>
internal sealed partial class OutboxSweeper(
    IOutboxRelay relay,
    TimeProvider timeProvider,
    IOptions<OutboxOptions> options,
    ILogger<OutboxSweeper> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.SweepInterval, timeProvider);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
            {
                try
                {
                    await relay.SweepAsync(stoppingToken).ConfigureAwait(false);
                }
                catch (Exception exception) when (!stoppingToken.IsCancellationRequested)
                {
                    LogSweepFailed(logger, exception);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // The host is stopping.
        }
    }

    [LoggerMessage(EventId = CqrsLogEvents.Outbox.OutboxSweepFailed, EventName = nameof(CqrsLogEvents.Outbox.OutboxSweepFailed), Level = LogLevel.Warning,
        Message = "The outbox sweep failed; it runs again on the next tick")]
    private static partial void LogSweepFailed(ILogger logger, Exception exception);
}
