using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;
using ServerlessCqrs.Events;
using ServerlessCqrs.Pipeline;

namespace ServerlessCqrs.Testing;

/// <summary>
/// Your handlers on the kernel's embedded defaults — in-memory store, idempotency keys and read models — with a
/// <see cref="FakeTimeProvider"/> for the clock and a transport that records every event and hands it to the event
/// handlers at once, so when a send returns, its projections have run. Every command sent (yours, and those handlers
/// send) and every event published is captured.
/// </summary>
/// <example>
/// <code>
/// await using var kit = CqrsTestKit.Create(cqrs => cqrs.AddHandlersFrom&lt;CreateOrderHandler&gt;());
/// var created = await kit.SendAsync(new CreateOrder { ... });
/// Assert.Single(kit.PublishedEvents.OfType&lt;OrderCreated&gt;());
/// </code>
/// </example>
public sealed class CqrsTestKit : IAsyncDisposable
{
    private readonly ServiceProvider _services;
    private readonly MessageLog _log;

    /// <summary>Retries back off for a millisecond, not a tenth of a second; settings given to <see cref="Create"/> win.</summary>
    private static readonly Dictionary<string, string?> FastRetries = new()
    {
        ["Cqrs:Resilience:Default:BaseDelay"] = "00:00:00.001",
        ["Cqrs:Resilience:Default:MaxDelay"] = "00:00:00.010",
    };

    private CqrsTestKit(ServiceProvider services, MessageLog log, FakeTimeProvider time)
    {
        _services = services;
        _log = log;
        Time = time;
    }

    /// <summary>The kit's services: resolve stores, read models or the bus from them.</summary>
    public IServiceProvider Services => _services;

    /// <summary>The clock every component reads; advance it to make time pass.</summary>
    public FakeTimeProvider Time { get; }

    /// <summary>Every event published so far, in order, read back from the wire as its handlers receive it.</summary>
    public IReadOnlyList<IEvent> PublishedEvents => _log.Events;

    /// <summary>Every command sent so far, in order, including those handlers sent.</summary>
    public IReadOnlyList<object> SentCommands => _log.Commands;

    /// <summary>Deliveries an event handler did not complete (a fault or a failed result), with the kernel's decision.</summary>
    public IReadOnlyList<(IEvent Event, DispatchDecision Decision)> FailedDeliveries => _log.Failures;

    /// <summary>Creates a kit.</summary>
    /// <param name="register">Registers your handlers (<c>cqrs.AddHandlersFrom&lt;T&gt;()</c>, a domain's <c>AddOrders()</c>, ...).</param>
    /// <param name="settings">Configuration, as app settings would give it (<c>Cqrs:...</c>).</param>
    /// <param name="services">Replaces or adds services, such as a stand-in for a dependency of a handler.</param>
    public static CqrsTestKit Create(
        Action<CqrsBuilder> register, IDictionary<string, string?>? settings = null, Action<IServiceCollection>? services = null)
    {
        ArgumentNullException.ThrowIfNull(register);
        var collection = new ServiceCollection();
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(FastRetries)
            .AddInMemoryCollection(settings ?? new Dictionary<string, string?>())
            .Build();
        collection.AddSingleton<IConfiguration>(configuration);
        collection.AddLogging();
        var log = new MessageLog();
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
        var cqrs = collection.AddServerlessCqrs();
        cqrs.AddBehavior(typeof(CommandCapture<,>), ServiceLifetime.Singleton, PipelinePosition.Outermost);
        register(cqrs);
        collection.AddSingleton(log);
        collection.Replace(ServiceDescriptor.Singleton<TimeProvider>(time));
        collection.Replace(ServiceDescriptor.Singleton<IEventTransport, RecordingEventTransport>());
        services?.Invoke(collection);
        return new CqrsTestKit(collection.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true }), log, time);
    }

    /// <summary>Sends a command in a scope of its own, as one request would.</summary>
    public async Task<Result> SendAsync(ICommand command)
    {
        var scope = _services.CreateAsyncScope();
        await using (scope.ConfigureAwait(false))
        {
            return await scope.ServiceProvider.GetRequiredService<IMessageBus>().SendAsync(command).ConfigureAwait(false);
        }
    }

    /// <summary>Sends a command with a result in a scope of its own.</summary>
    public async Task<Result<TResult>> SendAsync<TResult>(ICommand<TResult> command)
    {
        var scope = _services.CreateAsyncScope();
        await using (scope.ConfigureAwait(false))
        {
            return await scope.ServiceProvider.GetRequiredService<IMessageBus>().SendAsync(command).ConfigureAwait(false);
        }
    }

    /// <summary>Runs a query in a scope of its own.</summary>
    public async Task<Result<TResult>> QueryAsync<TResult>(IQuery<TResult> query)
    {
        var scope = _services.CreateAsyncScope();
        await using (scope.ConfigureAwait(false))
        {
            return await scope.ServiceProvider.GetRequiredService<IMessageBus>().QueryAsync(query).ConfigureAwait(false);
        }
    }

    /// <summary>Publishes an event as a producer would: recorded, then handed to its handlers.</summary>
    public async Task PublishAsync(IEvent @event)
    {
        ArgumentNullException.ThrowIfNull(@event);
        var envelope = _services.GetRequiredService<EventEnvelopeFactory>().Create(@event);
        await _services.GetRequiredService<IEventTransport>().SendAsync([envelope], CancellationToken.None).ConfigureAwait(false);
    }

    /// <summary>Starts a scenario from what already happened: commands are sent, events published, in order.</summary>
    public Scenario Given(params object[] history) => new(this, history);

    /// <summary>Where the captured messages stand now, for a scenario to tell what its step added.</summary>
    internal (int Events, int Commands) Mark() => (_log.Events.Count, _log.Commands.Count);

    /// <inheritdoc />
    public ValueTask DisposeAsync() => _services.DisposeAsync();
}
