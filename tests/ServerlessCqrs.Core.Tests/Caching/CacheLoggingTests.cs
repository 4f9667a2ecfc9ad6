using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using ServerlessCqrs.Caching;
using ServerlessCqrs.Core.Tests.Fixtures;

namespace ServerlessCqrs.Core.Tests.Caching;

/// <summary>FusionCache writes two Information lines per call; the kernel keeps them out of the app's logs unless asked.</summary>
public sealed class CacheLoggingTests
{
    [Fact]
    public async Task CacheCalls_LogNothingFromFusionCache_BelowWarning()
    {
        using var kernel = new CacheKernel();

        await QueryTwentyTimesAsync(kernel);

        Assert.DoesNotContain(kernel.Services.GetFakeLogCollector().GetSnapshot(), IsFusionCache);
    }

    [Fact]
    public async Task ALoggingLevelForFusionCache_InConfiguration_StillWins()
    {
        var logging = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { [$"LogLevel:{QueryCachingOptions.FusionCacheLogCategory}"] = "Information" })
            .Build();
        var services = TestKernel.Services(CacheKernel.Register(new ReadingSource()));
        // The rule's place in the list does not depend on when the Logging section is added.
        services.AddLogging(builder => builder.AddConfiguration(logging));
        using var provider = services.BuildServiceProvider();

        await provider.Bus().QueryAsync(new Lookup("a"));

        Assert.Contains(provider.GetFakeLogCollector().GetSnapshot(), IsFusionCache);
    }

    private static async Task QueryTwentyTimesAsync(CacheKernel kernel)
    {
        for (var i = 0; i < 20; i++)
        {
            await kernel.QueryAsync(new Lookup("k" + (i % 4)));
        }

        await kernel.Cache.InvalidateAsync(new Lookup("k0"));
    }

    private static bool IsFusionCache(FakeLogRecord record) =>
        record.Category?.StartsWith(QueryCachingOptions.FusionCacheLogCategory, StringComparison.Ordinal) == true;
}
