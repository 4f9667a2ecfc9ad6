using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;
using ServerlessCqrs.Events;
using ServerlessCqrs.Pipeline;

namespace ServerlessCqrs.Testing;

/// <summary>
/// Your handlers on the kernel's embedded defaults — in-memory store, idempotency keys and read models — with a
/// <see cref="FakeTimeProvider"/> for the clock and a transport that records every event and hands it to the event
/// handlers at once, so when a send returns, its projections have run. Every command sent (yours, and those handlers
/// send) and every event published is captured. <see cref="CreateHttpClientAsync"/> reaches the same kernel through the
/// HTTP edge, in memory.
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
    private readonly WebApplication _app;
    private readonly MessageLog _log;
    private readonly SemaphoreSlim _startGate = new(1, 1);
    private bool _started;

    /// <summary>Retries back off for a millisecond, not a tenth of a second; settings given to <see cref="Create"/> win.</summary>
    private static readonly Dictionary<string, string?> FastRetries = new()
    {
        ["Cqrs:Resilience:Default:BaseDelay"] = "00:00:00.001",
        ["Cqrs:Resilience:Default:MaxDelay"] = "00:00:00.010",
    };

    private CqrsTestKit(WebApplication app, MessageLog log, FakeTimeProvider time)
    {
        _app = app;
        _log = log;
        Time = time;
    }

    /// <summary>The kit's services: resolve stores, read models or the bus from them.</summary>
    public IServiceProvider Services => _app.Services;

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
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseTestServer();
        builder.Host.UseDefaultServiceProvider(o => o.ValidateScopes = true);
        builder.Configuration.AddInMemoryCollection(FastRetries).AddInMemoryCollection(settings ?? new Dictionary<string, string?>());
        var collection = builder.Services;
        var log = new MessageLog();
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
        var cqrs = collection.AddServerlessCqrs();
        cqrs.AddBehavior(typeof(CommandCapture<,>), ServiceLifetime.Singleton, PipelinePosition.Outermost);
        register(cqrs);
        collection.AddServerlessCqrsHttp(builder.Configuration);
        collection.AddSingleton(log);
        collection.Replace(ServiceDescriptor.Singleton<TimeProvider>(time));
        collection.Replace(ServiceDescriptor.Singleton<IEventTransport, RecordingEventTransport>());
        services?.Invoke(collection);
        var app = builder.Build();
        app.MapServerlessCqrs();
        return new CqrsTestKit(app, log, time);
    }

    /// <summary>Sends a command in a scope of its own, as one request would.</summary>
    public Task<Result> SendAsync(ICommand command) => InScopeAsync(bus => bus.SendAsync(command));

    /// <summary>Sends a command with a result in a scope of its own.</summary>
    public Task<Result<TResult>> SendAsync<TResult>(ICommand<TResult> command) => InScopeAsync(bus => bus.SendAsync(command));

    /// <summary>Runs a query in a scope of its own.</summary>
    public Task<Result<TResult>> QueryAsync<TResult>(IQuery<TResult> query) => InScopeAsync(bus => bus.QueryAsync(query));

    /// <summary>Publishes an event as a producer would: recorded, then handed to its handlers.</summary>
    public async Task PublishAsync(IEvent @event)
    {
        ArgumentNullException.ThrowIfNull(@event);
        var envelope = Services.GetRequiredService<EventEnvelopeFactory>().Create(@event);
        await Services.GetRequiredService<IEventTransport>().SendAsync([envelope], CancellationToken.None).ConfigureAwait(false);
    }

    /// <summary>
    /// A client of the kit's HTTP edge, in memory: <c>POST /api/commands/{name}</c>, <c>GET|POST /api/queries/{name}</c>,
    /// problems, cache headers, <c>/api/openapi.json</c> — against the same kernel, store and captured messages.
    /// </summary>
    public async Task<HttpClient> CreateHttpClientAsync()
    {
        await _startGate.WaitAsync().ConfigureAwait(false);
        try
        {
            if (!_started)
            {
                await _app.StartAsync().ConfigureAwait(false);
                _started = true;
            }
        }
        finally
        {
            _startGate.Release();
        }

        return _app.GetTestClient();
    }

    /// <summary>Starts a scenario from what already happened: commands are sent, events published, in order.</summary>
    public Scenario Given(params object[] history) => new(this, history);

    /// <summary>Sends or runs any message in a scope of its own, as one request would.</summary>
    internal Task<Result<object?>> DispatchAsync(object message) => InScopeAsync(bus => bus.DispatchAsync(message));

    /// <summary>Where the captured messages stand now, for a scenario to tell what its step added.</summary>
    internal (int Events, int Commands) Mark() => (_log.Events.Count, _log.Commands.Count);

    private async Task<TResult> InScopeAsync<TResult>(Func<IMessageBus, ValueTask<TResult>> call)
    {
        var scope = Services.CreateAsyncScope();
        await using (scope.ConfigureAwait(false))
        {
            return await call(scope.ServiceProvider.GetRequiredService<IMessageBus>()).ConfigureAwait(false);
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _app.DisposeAsync().ConfigureAwait(false);
        _startGate.Dispose();
    }
}
