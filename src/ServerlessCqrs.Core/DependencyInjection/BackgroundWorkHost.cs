using Microsoft.Extensions.Hosting;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>
/// Starts the background work registered with <see cref="CqrsBuilder.AddBackgroundWork{TWork}"/> with the host
/// and stops it, last started first, when the host stops. Registered only by <see cref="CqrsBuilder.RunBackgroundWork"/>.
/// </summary>
internal sealed class BackgroundWorkHost(IEnumerable<IHostedService> work) : IHostedService
{
    private readonly IHostedService[] _work = [.. work];

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        foreach (var service in _work)
        {
            await service.StartAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        foreach (var service in _work.Reverse())
        {
            await service.StopAsync(cancellationToken).ConfigureAwait(false);
        }
    }
}
