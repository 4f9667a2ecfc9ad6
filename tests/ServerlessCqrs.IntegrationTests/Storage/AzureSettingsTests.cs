using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace ServerlessCqrs.IntegrationTests.Storage;

/// <summary>Bad adapter settings stop startup with a message that names the setting.</summary>
public sealed class AzureSettingsTests
{
    private static void Compose(Dictionary<string, string?> settings) =>
        CqrsTestHost.Build((_, cqrs) => cqrs.AddAzureAdapters(new ConfigurationBuilder().AddInMemoryCollection(settings).Build()), settings: settings)
            .Dispose();

    [Theory]
    [InlineData("Cqrs:Store", "Cosmos", "Cqrs:Store must be one of InMemory, TableStorage; it is Cosmos.")]
    [InlineData("Cqrs:Events:Transport", "Kafka", "Cqrs:Events:Transport must be one of InProcess, StorageQueue, ServiceBus; it is Kafka.")]
    public void UnknownAdapter_IsRefusedByName(string key, string value, string message)
    {
        var failure = Assert.Throws<InvalidOperationException>(() => Compose(new() { [key] = value }));

        Assert.Equal(message, failure.Message);
    }

    [Theory]
    [InlineData("Cqrs:Store", "TableStorage", "ConnectionStrings:Storage is not set (nor Storage:tableServiceUri")]
    [InlineData("Cqrs:Events:Transport", "StorageQueue", "ConnectionStrings:Storage is not set (nor Storage:queueServiceUri")]
    [InlineData("Cqrs:Events:Transport", "ServiceBus", "ConnectionStrings:ServiceBus is not set (nor ServiceBus:fullyQualifiedNamespace")]
    public void MissingConnection_IsRefusedByName(string key, string value, string message)
    {
        var failure = Assert.Throws<InvalidOperationException>(() => Compose(new() { [key] = value }));

        Assert.StartsWith(message, failure.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Cqrs:TableStorage:StateTable", "1-bad", "Cqrs:TableStorage:StateTable must be 3-63 letters and digits, starting with a letter; it is 1-bad.")]
    [InlineData("Cqrs:Events:StorageQueue:QueueName", "Upper_Case", "Cqrs:Events:StorageQueue:QueueName must be 3-56 lower-case")]
    [InlineData("Cqrs:Events:StorageQueue:BatchSize", "64", "Cqrs:Events:StorageQueue:BatchSize must be between 1 and 32; it is 64.")]
    public async Task BadAdapterSetting_FailsStartup_NamingIt(string key, string value, string message)
    {
        Dictionary<string, string?> settings = new()
        {
            ["Cqrs:Store"] = "TableStorage",
            ["Cqrs:Events:Transport"] = "StorageQueue",
            ["ConnectionStrings:Storage"] = "UseDevelopmentStorage=true",
            [key] = value,
        };

        var failure = await Assert.ThrowsAsync<OptionsValidationException>(() =>
            CqrsTestHost.StartAsync((_, cqrs) => cqrs.AddAzureAdapters(new ConfigurationBuilder().AddInMemoryCollection(settings).Build()), settings));

        Assert.StartsWith(message, Assert.Single(failure.Failures), StringComparison.Ordinal);
    }

    [Fact]
    public void AnIdentityEndpoint_NeedsNoSecret()
    {
        Compose(new()
        {
            ["Cqrs:Events:Transport"] = "ServiceBus",
            ["ServiceBus:fullyQualifiedNamespace"] = "cqrs-test.servicebus.windows.net",
        });
    }
}
