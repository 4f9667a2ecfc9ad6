using Microsoft.Extensions.DependencyInjection;

namespace ServerlessCqrs.Benchmarks;

/// <summary>
/// The same handlers in two kernels, one without behaviors (the floor) and one with the defaults, and a
/// bus of each; handlers are singletons, as the benchmarks' Mediator is configured.
/// </summary>
internal sealed class KernelPair : IDisposable
{
    private readonly ServiceProvider _bare;
    private readonly ServiceProvider _defaults;

    public KernelPair(Action<CqrsBuilder> addHandlers)
    {
        _bare = Kernel(enableDefaultBehaviors: false, addHandlers);
        _defaults = Kernel(enableDefaultBehaviors: true, addHandlers);
        BareBus = _bare.CreateScope().ServiceProvider.GetRequiredService<IMessageBus>();
        DefaultBus = _defaults.CreateScope().ServiceProvider.GetRequiredService<IMessageBus>();
    }

    /// <summary>The bus with no behaviors.</summary>
    public IMessageBus BareBus { get; }

    /// <summary>The bus with the default behaviors.</summary>
    public IMessageBus DefaultBus { get; }

    public void Dispose()
    {
        _bare.Dispose();
        _defaults.Dispose();
    }

    private static ServiceProvider Kernel(bool enableDefaultBehaviors, Action<CqrsBuilder> addHandlers)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        addHandlers(services.AddServerlessCqrs(o =>
        {
            o.EnableDefaultBehaviors = enableDefaultBehaviors;
            o.HandlerLifetime = ServiceLifetime.Singleton;
        }));
        return services.BuildServiceProvider();
    }
}
