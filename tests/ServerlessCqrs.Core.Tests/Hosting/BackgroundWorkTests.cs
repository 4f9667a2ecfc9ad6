using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace ServerlessCqrs.Core.Tests.Hosting;

/// <summary>Background work runs in the hosts that ask for it, and only there.</summary>
public sealed class BackgroundWorkTests
{
    [Fact]
    public void TheKernel_AddsItsBackgroundWork_ButRunsNoneOfIt()
    {
        var collection = new ServiceCollection().AddLogging().AddSingleton<IConfiguration>(new ConfigurationBuilder().Build());
        using var services = collection.AddServerlessCqrs().Services.BuildServiceProvider();

        var work = services.GetKeyedServices<IHostedService>(CqrsBuilder.BackgroundWorkKey).Select(w => w.GetType().Name);
        var hosted = services.GetServices<IHostedService>().Select(h => h.GetType().Name);

        Assert.Equal(["HousekeepingService", "KeepWarmService", "OutboxSweeper"], work.Order(StringComparer.Ordinal));
        Assert.DoesNotContain("BackgroundWorkHost", hosted);
        Assert.DoesNotContain("OutboxSweeper", hosted);
    }

    [Fact]
    public async Task AHostThatRunsIt_StartsEachPieceOnce_AndStopsThemLastFirst()
    {
        var order = new List<string>();
        var builder = new HostApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        var cqrs = builder.Services.AddServerlessCqrs().RunBackgroundWork().RunBackgroundWork();
        builder.Services.RemoveAllKeyed<IHostedService>(CqrsBuilder.BackgroundWorkKey);
        builder.Services.AddSingleton(order);
        cqrs.AddBackgroundWork<FirstWork>().AddBackgroundWork<SecondWork>().AddBackgroundWork<FirstWork>();
        using var host = builder.Build();

        await host.StartAsync();
        await host.StopAsync();

        Assert.Equal(["start FirstWork", "start SecondWork", "stop SecondWork", "stop FirstWork"], order);
    }

    private abstract class RecordingWork(List<string> order) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken)
        {
            order.Add("start " + GetType().Name);
            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken)
        {
            order.Add("stop " + GetType().Name);
            return Task.CompletedTask;
        }
    }

    private sealed class FirstWork(List<string> order) : RecordingWork(order);

    private sealed class SecondWork(List<string> order) : RecordingWork(order);
}
