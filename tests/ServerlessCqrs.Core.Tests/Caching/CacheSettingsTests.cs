using Microsoft.Extensions.Options;
using ServerlessCqrs.Caching;
using ServerlessCqrs.Core.Tests.Fixtures;

namespace ServerlessCqrs.Core.Tests.Caching;

public sealed class CacheSettingsTests
{
    [Theory]
    [InlineData("Cqrs:Caching:Queries:Lookup:DurationSeconds", "-1", "Cqrs:Caching:Queries:Lookup:DurationSeconds must be between 0 (no-store) and 604800; it is -1.")]
    [InlineData("Cqrs:Caching:Queries:Lookup:EagerRefreshThreshold", "1.5", "Cqrs:Caching:Queries:Lookup:EagerRefreshThreshold must be 0 (off) or between 0 and 1, exclusive; it is 1.5.")]
    [InlineData("Cqrs:Caching:Queries:Lookup:FailSafeMaxSeconds", "-5", "Cqrs:Caching:Queries:Lookup:FailSafeMaxSeconds must be between 0 (off) and 604800; it is -5.")]
    [InlineData("Cqrs:Caching:Queries:Nope:DurationSeconds", "5", "Cqrs:Caching:Queries:Nope must name a query")]
    [InlineData("Cqrs:Caching:Queries:Uncached:FailSafeMaxSeconds", "5", "Cqrs:Caching:Queries:Uncached:DurationSeconds must be set, because Uncached has no [QueryCache] attribute")]
    [InlineData("Cqrs:Caching:KeyPrefix", " ", "Cqrs:Caching:KeyPrefix must not be empty")]
    [InlineData("Cqrs:Caching:DistributedCacheHardTimeout", "00:00:00.010", "Cqrs:Caching:DistributedCacheHardTimeout must be at least DistributedCacheSoftTimeout")]
    [InlineData("Cqrs:Caching:KeepWarm:0:Query", "NeverStored", "Cqrs:Caching:KeepWarm:0:Query must name a query that is cached")]
    [InlineData("Cqrs:Caching:KeepWarm:0:Query", "Ping", "Cqrs:Caching:KeepWarm:0:Query must name a query (")]
    public void ABadSetting_FailsNamingItsKey(string key, string value, string message)
    {
        using var services = TestKernel.Build(CacheKernel.Register(new ReadingSource()), settings: new Dictionary<string, string?> { [key] = value });

        var exception = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<QueryCachingOptions>>().Value);

        Assert.Contains(message, exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void KeepWarmArgumentsThatAreNotTheQueryJson_FailNamingTheKey()
    {
        using var services = TestKernel.Build(CacheKernel.Register(new ReadingSource()), settings: new Dictionary<string, string?>
        {
            ["Cqrs:Caching:KeepWarm:0:Query"] = "Lookup",
            ["Cqrs:Caching:KeepWarm:0:Arguments"] = "{not json",
        });

        var exception = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<QueryCachingOptions>>().Value);

        Assert.Contains("Cqrs:Caching:KeepWarm:0:Arguments must be the query's fields as a JSON object", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ConfigurationCachesAQueryWithoutTheAttribute_AndOverridesOnlyWhatItSets()
    {
        using var services = TestKernel.Build(CacheKernel.Register(new ReadingSource()), settings: new Dictionary<string, string?>
        {
            ["Cqrs:Caching:Queries:Uncached:DurationSeconds"] = "20",
            ["Cqrs:Caching:Queries:ShortLived:FailSafeMaxSeconds"] = "90",
        });
        var policies = services.GetRequiredService<QueryCachePolicies>();

        var uncached = policies.For(typeof(Uncached))!;
        Assert.Equal((TimeSpan.FromSeconds(20), (float?)null, (TimeSpan?)null, 0), (uncached.Duration, uncached.EagerRefreshThreshold, uncached.FailSafeMaxDuration, uncached.Tags.Count));
        var shortLived = policies.For(typeof(ShortLived))!;
        Assert.Equal((TimeSpan.FromSeconds(4), 0.25f, TimeSpan.FromSeconds(90)), (shortLived.Duration, shortLived.EagerRefreshThreshold, shortLived.FailSafeMaxDuration));
    }

    [Fact]
    public async Task AKernelWithoutConfiguration_StillCachesQueries()
    {
        var services = new ServiceCollection();
        services.AddLogging();
        CacheKernel.Register(new ReadingSource())(services.AddServerlessCqrs());
        await using var provider = services.BuildServiceProvider();

        await provider.Bus().QueryAsync(new Lookup("a"));

        Assert.Equal(CacheOutcome.Hit, (await provider.QueryWithCacheStatusAsync(new Lookup("a"))).CacheStatus!.Outcome);
    }
}
