using Microsoft.Extensions.Hosting;

namespace ServerlessCqrs.IntegrationTests;

/// <summary>The LocalHost is a long-running host: it runs the background work a Functions app leaves to its triggers.</summary>
public sealed class LocalHostCompositionTests
{
    [Fact]
    public void TheLocalHost_RunsTheBackgroundWork()
    {
        using var factory = new LocalHostFactory();

        var hosted = factory.Services.GetServices<IHostedService>().Select(h => h.GetType().Name);

        Assert.Contains("BackgroundWorkHost", hosted);
        Assert.Contains("OutboxSweeper", factory.Services.GetKeyedServices<IHostedService>(CqrsBuilder.BackgroundWorkKey).Select(w => w.GetType().Name));
    }
}
