using System.Diagnostics;
using ServerlessCqrs.Core.Tests.Caching;
using ServerlessCqrs.Core.Tests.Fixtures;
using ServerlessCqrs.Pipeline;
using ServerlessCqrs.Resilience;

namespace ServerlessCqrs.Core.Tests.Pipeline;

/// <summary>Your behaviors go where you place them in the ordered list of stages; innermost by default.</summary>
public sealed class PipelinePositionTests
{
    [Fact]
    public async Task BeforeValidation_RunsOnCacheHits_AnInnermostOneDoesNot()
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
    public async Task BehaviorsAtOnePosition_RunInTheOrderAdded_OutsideTheStageTheyPrecede()
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

    [Fact]
    public async Task AfterCaching_RunsOncePerCall_WhileInnermostRunsForEveryAttempt()
    {
        using var services = TestKernel.Build(builder => builder
            .AddHandler<FlakyHandler>()
            .AddBehavior(typeof(OuterBehavior<,>), ServiceLifetime.Singleton, PipelinePosition.After(PipelineStages.Caching))
            .AddBehavior(typeof(InnerBehavior<,>), ServiceLifetime.Singleton));
        var probe = services.GetRequiredService<Probe>();
        probe.FailNext(nameof(Flaky), new TransientException("busy"));

        var result = await services.Bus().SendAsync(new Flaky());

        Assert.True(result.IsSuccess);
        Assert.Equal(["outer:Flaky", "inner:Flaky", "Flaky", "inner:Flaky", "Flaky"], probe.Calls);
    }

    [Fact]
    public async Task Outermost_WrapsTelemetry_InnermostRunsInsideTheMessagesSpan()
    {
        using var spans = new SpanCollector();
        using var services = TestKernel.Build(builder => TestKernel.AllHandlers(builder
            .AddBehavior(typeof(InnerSpanRecorder<,>), ServiceLifetime.Singleton)
            .AddBehavior(typeof(OuterSpanRecorder<,>), ServiceLifetime.Singleton, PipelinePosition.Outermost)));
        var probe = services.GetRequiredService<Probe>();

        await services.Bus().SendAsync(new Touch());

        Assert.Equal(["outer in test-root", "inner in command Touch", "Touch"], probe.Calls);
    }

    [Fact]
    public void APositionRelativeToAnUnknownStage_IsRefusedNamingTheStages()
    {
        var refused = Assert.Throws<ArgumentException>(() => PipelinePosition.Before("Auditing"));

        Assert.Contains("Telemetry, Logging, Authorization, Validation, Caching, Resilience", refused.Message, StringComparison.Ordinal);
    }

    /// <summary>Records the span that is current when it runs.</summary>
    public abstract class SpanRecorder<TMessage, TResponse>(Probe probe, string name) : IMessageBehavior<TMessage, TResponse>
        where TMessage : notnull
        where TResponse : IMessageResult<TResponse>
    {
        public ValueTask<TResponse> HandleAsync(TMessage message, MessageContext context, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
        {
            probe.Hit($"{name} in {Activity.Current?.OperationName}");
            return next(message, context, cancellationToken);
        }
    }

    public sealed class OuterSpanRecorder<TMessage, TResponse>(Probe probe) : SpanRecorder<TMessage, TResponse>(probe, "outer")
        where TMessage : notnull
        where TResponse : IMessageResult<TResponse>;

    public sealed class InnerSpanRecorder<TMessage, TResponse>(Probe probe) : SpanRecorder<TMessage, TResponse>(probe, "inner")
        where TMessage : notnull
        where TResponse : IMessageResult<TResponse>;
}
