using Microsoft.Extensions.Hosting;
using ServerlessCqrs.Functions.Tests.Events;

namespace ServerlessCqrs.Functions.Tests;

/// <summary>The Functions app runs no background work of its own: its timer and queue triggers do that work.</summary>
public sealed class BackgroundWorkTests
{
    [Fact]
    public void TheApp_RegistersTheWork_ButNoHostedServiceRunsIt()
    {
        using var host = EventFunctionsHost.Build(new Dictionary<string, string?>
        {
            ["Cqrs:Events:Transport"] = "StorageQueue",
            ["ConnectionStrings:Storage"] = "UseDevelopmentStorage=true",
        });

        var work = host.Services.GetKeyedServices<IHostedService>(CqrsBuilder.BackgroundWorkKey).Select(w => w.GetType().Name).ToList();
        var hosted = host.Services.GetServices<IHostedService>().Select(h => h.GetType().Name).ToList();

        Assert.Contains("OutboxSweeper", work);
        Assert.Contains("StorageQueueEventProcessor", work);
        Assert.Empty(hosted.Intersect([.. work, "BackgroundWorkHost"]));
    }
}
