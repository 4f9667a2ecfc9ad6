using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using ServerlessCqrs;
using ServerlessCqrs.Events;
using ServerlessCqrs.Registry;
using ServerlessCqrs.Resilience;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>
/// Fails host startup when registrations or per-message settings are invalid, instead of failing
/// the first request that touches them, and logs each event type's failure policy once. Registered
/// first, so it runs before the processors start.
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

        services.GetRequiredService<FailurePolicies>().LogAll(registry.Messages.Where(m => m.Kind == MessageKind.Event && m.HandlerNames.Count > 0).Select(m => m.Name));

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
