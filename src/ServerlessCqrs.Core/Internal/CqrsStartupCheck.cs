using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using ServerlessCqrs.Registry;
using ServerlessCqrs.Resilience;

namespace ServerlessCqrs.Internal;

/// <summary>
/// Fails host startup when registrations or per-message settings are invalid, instead of failing
/// the first request that touches them. Registered first, so it runs before the processors start.
/// </summary>
internal sealed class CqrsStartupCheck(IServiceProvider services) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        var registry = services.GetRequiredService<MessageRegistry>();
        var resilience = services.GetRequiredService<IOptionsMonitor<MessageResilienceOptions>>();
        foreach (var message in registry.Messages)
        {
            _ = resilience.Get(message.Name);
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
