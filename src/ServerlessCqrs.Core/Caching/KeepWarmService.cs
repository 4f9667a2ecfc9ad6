using Microsoft.Extensions.Hosting;

namespace ServerlessCqrs.Caching;

/// <summary>
/// Runs the <see cref="QueryCacheWarmer"/> on its shortest interval while the host runs, when there is
/// keep-warm work: background work of a long-running host (the Functions app runs it from a timer trigger).
/// Stops with the host: the timer is disposed and a refresh in progress is cancelled.
/// </summary>
internal sealed class KeepWarmService(QueryCacheWarmer warmer, TimeProvider time) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!warmer.HasWork)
        {
            return;
        }

        using var timer = new PeriodicTimer(warmer.ShortestInterval, time);
        do
        {
            await warmer.RefreshDueAsync(stoppingToken).ConfigureAwait(false);
        }
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
    }
}
