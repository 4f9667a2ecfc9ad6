using ServerlessCqrs.Core.Tests.Caching;
using ServerlessCqrs.Core.Tests.Fixtures;
using ServerlessCqrs.Pipeline;

namespace ServerlessCqrs.Core.Tests.Pipeline;

/// <summary>Your behaviors go before the cache (they see every call) or innermost (a cache hit skips them).</summary>
public sealed class BehaviorStageTests
{
    [Fact]
    public async Task ABeforeCacheBehavior_RunsOnCacheHits_AnInnermostOneDoesNot()
    {
        var source = new ReadingSource();
        using var services = TestKernel.Build(builder =>
        {
            CacheKernel.Register(source)(builder);
            builder.AddBehavior(typeof(OuterBehavior<,>), ServiceLifetime.Singleton, PipelinePosition.Before(PipelineStages.Validation));
            builder.AddBehavior(typeof(InnerBehavior<,>), ServiceLifetime.Singleton);
        });
        var probe = services.GetRequiredService<Probe>();

        await services.Bus().QueryAsync(new Lookup("a"));
        var second = await services.Bus().QueryAsync(new Lookup("a"));

        Assert.True(second.IsSuccess);
        Assert.Equal(["outer:Lookup", "inner:Lookup", "outer:Lookup"], probe.Calls);
    }

    [Fact]
    public async Task BeforeCacheBehaviors_RunOutsideValidation_InTheOrderAdded()
    {
        using var services = TestKernel.Build(builder =>
        {
            builder.AddHandler<ValidationBehaviorTests.PlaceHandler>();
            builder.AddBehavior(typeof(InnerBehavior<,>), ServiceLifetime.Singleton, PipelinePosition.Before(PipelineStages.Validation));
            builder.AddBehavior(typeof(OuterBehavior<,>), ServiceLifetime.Singleton, PipelinePosition.Before(PipelineStages.Validation));
        });
        var probe = services.GetRequiredService<Probe>();

        var invalid = await services.Bus().SendAsync(new ValidationBehaviorTests.Place { Name = "" });

        Assert.False(invalid.IsSuccess);
        Assert.Equal(["inner:Place", "outer:Place"], probe.Calls);
    }
}
