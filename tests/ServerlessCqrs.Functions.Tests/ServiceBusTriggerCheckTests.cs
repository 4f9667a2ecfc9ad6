using Microsoft.Extensions.Configuration;

namespace ServerlessCqrs.Functions.Tests;

/// <summary>Service Bus as the transport in a build without its trigger would consume nothing: the app refuses to start.</summary>
public sealed class ServiceBusTriggerCheckTests
{
    private static IConfiguration ServiceBusTransport() => new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
    {
        ["Cqrs:Events:Transport"] = "ServiceBus",
        ["ServiceBus:fullyQualifiedNamespace"] = "cqrs-test.servicebus.windows.net",
        [OpenApp.Setting] = "true",
    }).Build();

    [Fact]
    public void PlainBuild_WithServiceBusTransport_StopsTheStart_SayingHowToBuild()
    {
        Assert.False(FunctionsAppServices.ServiceBusTriggerBuilt, "the tests build without the trigger, as `dotnet build` does");

        var failure = Assert.Throws<InvalidOperationException>(() => new ServiceCollection().AddFunctionsApp(ServiceBusTransport()));

        Assert.Contains("no Service Bus trigger", failure.Message, StringComparison.Ordinal);
        Assert.Contains("dotnet build -p:EnableServiceBusTrigger=true", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void PublishedBuild_WithServiceBusTransport_Composes() =>
        new ServiceCollection().AddFunctionsApp(ServiceBusTransport(), serviceBusTriggerBuilt: true);
}
