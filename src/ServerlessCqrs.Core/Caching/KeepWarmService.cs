using Microsoft.Extensions.Hosting;
using ServerlessCqrs.Registry;

namespace ServerlessCqrs.Caching;

/// <summary>
/// Runs the <see cref="QueryCacheWarmer"/> on its shortest interval while the host runs, when there is
/// keep-warm work and <see cref="CqrsOptions.HostBackgroundWork"/> is on. Stops with the host: the timer
/// is disposed and a refresh in progress is cancelled.
/// </summary>
internal sealed class KeepWarmService(QueryCacheWarmer warmer, MessageCatalog catalog, TimeProvider time) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!warmer.HasWork || !catalog.Options.HostBackgroundWork)
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
