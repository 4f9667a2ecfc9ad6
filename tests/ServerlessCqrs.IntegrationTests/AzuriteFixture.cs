namespace ServerlessCqrs.IntegrationTests;

/// <summary>One Azurite for every test that needs Table Storage or Storage Queues; each test uses its own tables and queues.</summary>
public sealed class AzuriteFixture : IAsyncLifetime
{
    private AzuriteServer? _server;

    public AzuriteServer Server => _server ?? throw new InvalidOperationException("Azurite has not started.");

    /// <summary>
    /// Settings that put a kernel on this Azurite with tables and a queue of its own: Table Storage
    /// state and the Storage Queue transport, with delays short enough for tests.
    /// </summary>
    public Dictionary<string, string?> Settings(string store = "TableStorage", string transport = "StorageQueue")
    {
        var settings = AzuriteServer.KernelSettings(Server.ConnectionString, "events");
        settings["Cqrs:Store"] = store;
        settings["Cqrs:Events:Transport"] = transport;
        settings["Cqrs:Events:Redelivery:Default:MaxDelay"] = "00:00:00.400";
        settings["Cqrs:Events:Redelivery:Default:BaseDelay"] = "00:00:00.010";
        settings["Cqrs:Events:MaxDeliveryAttempts"] = "3";
        settings["Cqrs:Outbox:SweepInterval"] = "00:00:01";
        settings["Cqrs:Outbox:PendingAge"] = "00:00:01";
        settings["Cqrs:Resilience:Default:MaxRetryAttempts"] = "0";
        return settings;
    }

    public async Task InitializeAsync() => _server = await AzuriteServer.StartAsync();

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }
}

[CollectionDefinition(Name)]
public sealed class AzuriteCollection : ICollectionFixture<AzuriteFixture>
{
    public const string Name = "Azurite";
}
