using Microsoft.AspNetCore.Http.Features;
using ServerlessCqrs.Core.Tests.Fixtures;
using ServerlessCqrs.Pipeline;
using ServerlessCqrs.Registry;

namespace ServerlessCqrs.Core.Tests.Pipeline;

public sealed class MessageContextTests
{
    [Fact]
    public void Features_AreTheCallersCollection_OrOneMadeOnFirstUse()
    {
        using var services = TestKernel.Build(TestKernel.AllHandlers);
        var descriptor = services.GetRequiredService<MessageRegistry>().GetByType(typeof(Ping));
        var callers = new FeatureCollection();

        var given = new MessageContext(descriptor, "PingHandler", services, features: callers);
        var made = new MessageContext(descriptor, "PingHandler", services);

        Assert.Same(callers, given.Features);
        Assert.Null(made.FeatureOrDefault<Marker>());
        Assert.Same(made.Features, made.Features);
    }

    [Fact]
    public void WorkThatOutlivesTheCall_GetsACopyOfTheFeatures_NotTheCallersCollection()
    {
        using var services = TestKernel.Build(TestKernel.AllHandlers);
        var descriptor = services.GetRequiredService<MessageRegistry>().GetByType(typeof(Ping));
        var callers = new FeatureCollection();
        var marker = new Marker();
        callers.Set(marker);
        var context = new MessageContext(descriptor, "PingHandler", services, features: callers);

        var background = context.WithServices(services);
        callers.Set<Marker>(null);
        background.Features.Set("reported later");

        Assert.Same(marker, background.Features.Get<Marker>());
        Assert.Null(callers.Get<string>());
    }

    private sealed class Marker;
}
