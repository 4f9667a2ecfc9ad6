using ServerlessCqrs.Core.Tests.Fixtures;
using ServerlessCqrs.Orders;
using ServerlessCqrs.Registry;

namespace ServerlessCqrs.Core.Tests;

/// <summary>The two module switches the original module ignored; each test fails if its switch is ignored.</summary>
public sealed class CqrsOptionsTests
{
    [Fact]
    public void AutoDiscoverHandlers_On_ScansTheGivenAssemblies()
    {
        using var services = TestKernel.Build(_ => { }, o => o.Assemblies.Add(typeof(CreateOrder).Assembly));
        var registry = services.GetRequiredService<MessageRegistry>();

        Assert.True(registry.TryGetByName("CreateOrder", out var create));
        Assert.Equal(["CreateOrderHandler"], create.HandlerNames);
        Assert.True(registry.TryGetByName("OrderConfirmed", out var confirmed));
        Assert.Equal(["OrderSummaryProjection"], confirmed.HandlerNames);
    }

    [Fact]
    public void AutoDiscoverHandlers_Off_ScansNothing()
    {
        using var services = TestKernel.Build(
            b => b.AddHandler<PingHandler>(),
            o =>
            {
                o.AutoDiscoverHandlers = false;
                o.Assemblies.Add(typeof(CreateOrder).Assembly);
            });
        var registry = services.GetRequiredService<MessageRegistry>();

        Assert.False(registry.TryGetByName("CreateOrder", out _));
        Assert.True(registry.TryGetByName("Ping", out _));
        Assert.Single(registry.Messages);
    }

    [Fact]
    public async Task EnableDefaultBehaviors_On_ValidatesBeforeTheHandler()
    {
        using var services = TestKernel.Build(TestKernel.AllHandlers);

        var result = await services.Bus().SendAsync(new Ping { Text = "far too long for ten" });

        Assert.Equal(ErrorKind.Validation, result.Error?.Kind);
        Assert.Equal(0, services.GetRequiredService<Probe>().CountOf(nameof(Ping)));
    }

    [Fact]
    public async Task EnableDefaultBehaviors_Off_RunsOnlyTheHandler()
    {
        using var services = TestKernel.Build(TestKernel.AllHandlers, o => o.EnableDefaultBehaviors = false);
        using var spans = new Testing.SpanCollector();

        var result = await services.Bus().SendAsync(new Ping { Text = "far too long for ten" });

        Assert.Equal("pong:far too long for ten", result.Value);
        Assert.Empty(spans.Spans);
        Assert.Empty(services.GetFakeLogCollector().GetSnapshot());
    }
}
