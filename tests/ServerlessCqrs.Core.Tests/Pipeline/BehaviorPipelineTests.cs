using ServerlessCqrs.Core.Tests.Fixtures;
using ServerlessCqrs.Pipeline;

namespace ServerlessCqrs.Core.Tests.Pipeline;

public sealed class BehaviorPipelineTests
{
    [Fact]
    public async Task Behaviors_RunInTheOrderAdded_AroundTheHandler()
    {
        using var services = TestKernel.Build(b => TestKernel.AllHandlers(b
            .AddBehavior(typeof(OuterBehavior<,>))
            .AddBehavior(typeof(InnerBehavior<,>))));

        await services.Bus().SendAsync(new Ping { Text = "a" });

        Assert.Equal(["outer:Ping", "inner:Ping", "Ping"], services.GetRequiredService<Probe>().Calls);
    }

    [Fact]
    public async Task ClosedBehavior_WrapsOnlyItsMessage_AndMayShortCircuit()
    {
        using var services = TestKernel.Build(b => TestKernel.AllHandlers(b.AddBehavior<StopPings>()));
        var bus = services.Bus();
        var probe = services.GetRequiredService<Probe>();

        var stopped = await bus.SendAsync(new Ping { Text = "stop" });
        await bus.SendAsync(new Touch());

        Assert.Equal("stopped", stopped.Error?.Code);
        Assert.Equal(["stop-pings", "Touch"], probe.Calls);
    }

    [Fact]
    public async Task OpenBehavior_AppliesOnlyWhereItsConstraintsAllow()
    {
        using var services = TestKernel.Build(b => TestKernel.AllHandlers(b.AddBehavior(typeof(VoidCommandsOnly<,>))));
        var bus = services.Bus();

        await bus.SendAsync(new Touch());
        await bus.SendAsync(new Ping { Text = "p" });
        await bus.QueryAsync(new CountThings { Of = 1 });

        Assert.Equal(["void-only:Touch", "Touch", "Ping", "CountThings"], services.GetRequiredService<Probe>().Calls);
    }

    [Fact]
    public async Task AnOpenBehaviorOverTheResultType_IsClosedByInference_ForTheMessagesItFits()
    {
        using var services = TestKernel.Build(b => TestKernel.AllHandlers(b.AddBehavior(typeof(QueryResults<,>))));
        var bus = services.Bus();

        await bus.QueryAsync(new CountThings { Of = 1 });
        await bus.SendAsync(new Ping { Text = "p" });
        await bus.SendAsync(new Touch());

        Assert.Equal(["query-result:count-things:Int32", "CountThings", "Ping", "Touch"], services.GetRequiredService<Probe>().Calls);
    }

    [Theory]
    [InlineData(typeof(Probe))]
    [InlineData(typeof(IMessageBehaviorLookalike<,>))]
    public void AddBehavior_OfANonBehavior_Throws(Type type) =>
        Assert.Throws<ArgumentException>(() => TestKernel.Build(b => b.AddBehavior(type)));

    [Fact]
    public async Task AddBehavior_Twice_ComposesItOnce()
    {
        using var services = TestKernel.Build(b => TestKernel.AllHandlers(b
            .AddBehavior(typeof(OuterBehavior<,>))
            .AddBehavior(typeof(OuterBehavior<,>))));

        await services.Bus().SendAsync(new Touch());

        Assert.Equal(1, services.GetRequiredService<Probe>().CountOf("outer:Touch"));
    }

    [Theory]
    [InlineData(ServiceLifetime.Singleton, 1)]
    [InlineData(ServiceLifetime.Scoped, 2)]
    [InlineData(ServiceLifetime.Transient, 2)]
    public async Task BehaviorLifetime_IsHonoured_AcrossCalls(ServiceLifetime lifetime, int instances)
    {
        using var services = TestKernel.Build(b => TestKernel.AllHandlers(b.AddBehavior(typeof(InstanceRecorder<,>), lifetime)));

        await services.Bus().SendAsync(new Touch());
        await services.Bus().SendAsync(new Touch());

        var calls = services.GetRequiredService<Probe>().Calls.Where(c => c.StartsWith("instance:", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, calls.Count);
        Assert.Equal(instances, calls.Distinct().Count());
    }

    [Fact]
    public async Task Behavior_MayPassOnADifferentMessage()
    {
        using var services = TestKernel.Build(b => TestKernel.AllHandlers(b.AddBehavior<ShoutingPings>(ServiceLifetime.Singleton)));

        var result = await services.Bus().SendAsync(new Ping { Text = "hi" });

        Assert.Equal("pong:HI", result.Value);
    }

    /// <summary>Generic with two parameters but not a behavior.</summary>
    public sealed class IMessageBehaviorLookalike<TMessage, TResponse>;

    /// <summary>Upper-cases pings before they reach the handler.</summary>
    public sealed class ShoutingPings : IMessageBehavior<Ping, Result<string>>
    {
        public ValueTask<Result<string>> HandleAsync(
            Ping message, MessageContext context, MessageHandlerDelegate<Ping, Result<string>> next, CancellationToken cancellationToken) =>
            next(message with { Text = message.Text.ToUpperInvariant() }, context, cancellationToken);
    }
}
