using Microsoft.Extensions.Hosting;

namespace ServerlessCqrs.Housekeeping;

/// <summary>
/// Runs the <see cref="Housekeeper"/> every five minutes: background work of a long-running host (the
/// Functions app runs it from a timer trigger instead).
/// </summary>
internal sealed class HousekeepingService(Housekeeper housekeeper, TimeProvider timeProvider) : BackgroundService
{
    /// <summary>How often; the Functions timer uses the same schedule.</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromMinutes(5);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, timeProvider);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
            {
                await housekeeper.RunAsync(stoppingToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // The host is stopping.
        }
    }
}
