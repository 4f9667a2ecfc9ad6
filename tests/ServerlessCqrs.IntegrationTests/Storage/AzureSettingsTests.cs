using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using ServerlessCqrs.Azure;

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
    [InlineData("Cqrs:TableStorage:ReadModelTables:0", "no_underscores", "Cqrs:TableStorage:ReadModelTables must be 3-63 letters and digits, starting with a letter; it is no_underscores.")]
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

    [Theory]
    [InlineData(null, null, typeof(global::Azure.Identity.DefaultAzureCredential))]
    [InlineData("managedidentity", "7a4cbb5e-5e8a-4c43-9b43-0f3c8b7a1d11", typeof(global::Azure.Identity.ManagedIdentityCredential))]
    [InlineData("ManagedIdentity", null, typeof(global::Azure.Identity.ManagedIdentityCredential))]
    public void IdentityConnection_UsesTheCredentialItNames(string? credential, string? clientId, Type expected)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ServiceBus:fullyQualifiedNamespace"] = "cqrs-test.servicebus.windows.net",
            ["ServiceBus:credential"] = credential,
            ["ServiceBus:clientId"] = clientId,
        }).Build();

        var connection = AzureConnection.Read(configuration, "ServiceBus", "fullyQualifiedNamespace");

        Assert.Equal(("cqrs-test.servicebus.windows.net", expected), (connection.Endpoint, connection.Credential!.GetType()));
    }

    [Fact]
    public void UnknownCredential_IsRefusedByName()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Storage:tableServiceUri"] = "https://st.table.core.windows.net",
            ["Storage:credential"] = "connectionstring",
        }).Build();

        var failure = Assert.Throws<InvalidOperationException>(() => AzureConnection.Read(configuration, "Storage", "tableServiceUri"));

        Assert.Equal("Storage:credential must be managedidentity or unset; it is connectionstring.", failure.Message);
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
