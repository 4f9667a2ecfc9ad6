using Azure.Data.Tables;
using Azure.Storage.Queues;
using ServerlessCqrs.Functions.Tests.Events;

namespace ServerlessCqrs.Functions.Tests;

/// <summary>
/// Under a Functions host the queue trigger polls its queue from the start: the app creates its queues
/// and tables when it starts, not when the first event is sent.
/// </summary>
public sealed class StorageAtStartTests
{
    [Fact]
    public async Task AppStart_CreatesItsTablesAndQueues_BeforeAnyRequest()
    {
        await using var azurite = await AzuriteServer.StartAsync();
        var queue = "fn-start-" + Guid.NewGuid().ToString("N")[..12];
        using var host = EventFunctionsHost.Build(new Dictionary<string, string?>
        {
            ["Cqrs:Store"] = "TableStorage",
            ["Cqrs:Events:Transport"] = "StorageQueue",
            ["ConnectionStrings:Storage"] = azurite.ConnectionString,
            ["Cqrs:Events:StorageQueue:QueueName"] = queue,
        });
        var queues = new QueueServiceClient(azurite.ConnectionString);
        var tables = new TableServiceClient(azurite.ConnectionString);

        await host.StartAsync();

        await Eventually.HoldsAsync(async () => await Names(queues.GetQueuesAsync(), q => q.Name) is var names
            && names.Contains(queue) && names.Contains(queue + "-poison"), "the events queue and its poison queue exist");
        await Eventually.HoldsAsync(async () => await Names(tables.QueryAsync(), t => t.Name) is var names
            && new[] { "CqrsState", "CqrsHandlerLedger", "OrderSummaries" }.All(names.Contains), "the state, ledger and read-model tables exist");
        await host.StopAsync();
    }

    private static async Task<HashSet<string>> Names<T>(IAsyncEnumerable<T> items, Func<T, string> name)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        await foreach (var item in items)
        {
            names.Add(name(item));
        }

        return names;
    }
}
