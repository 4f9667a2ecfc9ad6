using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using ServerlessCqrs.Core.Tests.Fixtures;
using ServerlessCqrs.Events;

namespace ServerlessCqrs.Core.Tests.Storage;

/// <summary>A store or transport is a named registration; the settings choose among those added.</summary>
public sealed class AdapterChoiceTests
{
    private static IConfiguration Settings(string key, string value) =>
        new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { [key] = value }).Build();

    [Fact]
    public void AnAddedTransport_IsUsed_WhenTheSettingNamesIt()
    {
        using var services = TestKernel.Build(builder => builder
            .AddTransport("Pigeon", (cqrs, _) => cqrs.Services.Replace(ServiceDescriptor.Singleton<IEventTransport, PigeonTransport>()))
            .UseConfiguredAdapters(Settings("Cqrs:Events:Transport", "pigeon")));

        Assert.IsType<PigeonTransport>(services.GetRequiredService<IEventTransport>());
    }

    [Fact]
    public void ATransportNobodyAdded_StopsTheComposition_ListingTheOnesThereAre()
    {
        var failure = Assert.Throws<InvalidOperationException>(() => TestKernel.Build(builder => builder
            .AddTransport("Pigeon", (_, _) => { })
            .UseConfiguredAdapters(Settings("Cqrs:Events:Transport", "Kafka"))));

        Assert.Equal("Cqrs:Events:Transport must be one of InProcess, Pigeon; it is Kafka.", failure.Message);
    }

    [Fact]
    public void WithoutSettings_TheEmbeddedDefaultsStay()
    {
        var chosen = false;
        using var services = TestKernel.Build(builder => builder
            .AddStore("Elsewhere", (_, _) => chosen = true)
            .UseConfiguredAdapters(new ConfigurationBuilder().Build()));

        Assert.False(chosen);
        Assert.Equal("InProcessEventTransport", services.GetRequiredService<IEventTransport>().GetType().Name);
    }

    private sealed class PigeonTransport : IEventTransport
    {
        public MessagingEndpoint Endpoint { get; } = new("pigeon", "loft");

        public ValueTask SendAsync(IReadOnlyList<EventEnvelope> envelopes, CancellationToken cancellationToken) => default;
    }
}
