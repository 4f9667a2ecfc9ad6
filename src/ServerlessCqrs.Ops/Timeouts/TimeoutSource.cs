using Azure.Data.Tables;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using ServerlessCqrs.Azure;
using ServerlessCqrs.Ops.Cli;
using ServerlessCqrs.Processes;

namespace ServerlessCqrs.Ops.Timeouts;

/// <summary>
/// The timeouts the app's processes wait for, reached from the app's own settings: the records and their index in
/// the Table Storage it names, the scheduled deliveries on its Storage Queue or Service Bus.
/// </summary>
internal sealed class TimeoutSource : IAsyncDisposable
{
    private readonly ServiceProvider _services;

    private TimeoutSource(ServiceProvider services, ProcessTimeouts timeouts, string target)
    {
        _services = services;
        Timeouts = timeouts;
        Target = target;
    }

    public ProcessTimeouts Timeouts { get; }

    /// <summary>Where they are, for people: the account, and the transport the deliveries are scheduled on.</summary>
    public string Target { get; }

    /// <exception cref="OpsException">The store or transport keeps timeouts in the app's memory, or a setting is missing or wrong.</exception>
    public static TimeoutSource Open(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var store = configuration[CqrsBuilder.StoreKey]?.Trim();
        var transport = configuration[CqrsBuilder.TransportKey]?.Trim();
        var durableTransport = string.Equals(transport, AzureSettings.StorageQueue, StringComparison.OrdinalIgnoreCase) || AzureSettings.UsesServiceBus(configuration);
        if (!string.Equals(store, AzureSettings.TableStorage, StringComparison.OrdinalIgnoreCase) || !durableTransport)
        {
            throw new OpsException(
                $"{CqrsBuilder.StoreKey} is {store ?? "not set (InMemory)"} and {CqrsBuilder.TransportKey} is {transport ?? "not set (InProcess)"}: " +
                $"timeouts live in the app's memory unless the store is {AzureSettings.TableStorage} and the transport {AzureSettings.StorageQueue} or " +
                $"{AzureSettings.ServiceBus}. Set them as the app has them, or use the app's API: GET /api/ops/timeouts " +
                "(the LocalHost serves it with Cqrs:Http:EnableAdminApi=true).");
        }

        return AppServices.Open(configuration, "its process timeouts", provider =>
        {
            var tables = provider.GetRequiredService<TableServiceClient>().Uri.GetLeftPart(UriPartial.Path).TrimEnd('/');
            var target = $"the process timeouts in Table Storage at {tables} (scheduled on {transport ?? AzureSettings.ServiceBus})";
            return new TimeoutSource(provider, provider.GetRequiredService<ProcessTimeouts>(), target);
        });
    }

    /// <summary>Runs <paramref name="work"/>; an Azure failure becomes one line naming <see cref="Target"/>.</summary>
    public Task<T> RunAsync<T>(Func<ProcessTimeouts, CancellationToken, Task<T>> work, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(work);
        return AzureFailures.RunAsync(Target, ct => work(Timeouts, ct), cancellationToken);
    }

    public ValueTask DisposeAsync() => _services.DisposeAsync();
}
