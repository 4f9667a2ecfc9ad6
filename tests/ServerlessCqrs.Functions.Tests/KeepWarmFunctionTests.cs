using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using ServerlessCqrs.Caching;
using ServerlessCqrs.Functions.Timers;
using ServerlessCqrs.Orders;

namespace ServerlessCqrs.Functions.Tests;

public sealed class KeepWarmFunctionTests
{
    [Fact]
    public async Task InTheFunctionsApp_OnlyTheTimerKeepsQueriesWarm_NotAHostedLoop()
    {
        var builder = new HostApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Cqrs:Caching:KeepWarm:0:Query"] = "ListOrders",
            ["Cqrs:Caching:KeepWarm:0:Arguments"] = """{"customerId":"warm"}""",
            ["Cqrs:Caching:KeepWarm:0:Interval"] = "00:00:01",
            [OpenApp.Setting] = "true",
        });
        builder.Services.AddFakeLogging();
        builder.Services.AddFunctionsApp(builder.Configuration);
        using var host = builder.Build();
        await host.StartAsync();

        await Task.Delay(1500); // a hosted keep-warm loop would have run by now
        var before = await ListOrdersOutcomeAsync(host);
        await host.Services.GetRequiredService<IQueryCache>().InvalidateQueryTypeAsync("ListOrders");
        await new KeepWarmFunction(host.Services.GetRequiredService<QueryCacheWarmer>()).RunAsync(new TimerInfo(), CancellationToken.None);
        var after = await ListOrdersOutcomeAsync(host);

        Assert.Equal((CacheOutcome.Miss, CacheOutcome.Hit), (before, after));
        await host.StopAsync();
    }

    private static async Task<CacheOutcome> ListOrdersOutcomeAsync(IHost host)
    {
        var (_, status) = await host.Services.QueryWithCacheStatusAsync(new ListOrders { CustomerId = "warm" });
        return status!.Outcome;
    }
}
