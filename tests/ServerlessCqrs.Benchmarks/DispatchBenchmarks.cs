using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using Microsoft.Extensions.DependencyInjection;

namespace ServerlessCqrs.Benchmarks;

/// <summary>
/// One command and one query, each dispatched four ways in the same run: a direct handler call
/// (the floor), the bus without and with the default behaviors (telemetry with no listener,
/// logging disabled, DataAnnotations validation, the Polly pipeline), and Mediator.
/// </summary>
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class DispatchBenchmarks
{
    private readonly Add _add = new() { Value = 41 };
    private readonly Lookup _lookup = new() { Key = 21 };
    private readonly MediatorAdd _mediatorAdd = new(41);
    private readonly MediatorLookup _mediatorLookup = new(21);
    private readonly AddHandler _addHandler = new();
    private readonly LookupHandler _lookupHandler = new();
    private KernelPair _kernels = null!;
    private ServiceProvider _mediatorServices = null!;
    private IMessageBus _bareBus = null!;
    private IMessageBus _defaultBus = null!;
    private Mediator.IMediator _mediator = null!;

    [GlobalSetup]
    public void Setup()
    {
        _kernels = new KernelPair(cqrs => cqrs.AddHandler<AddHandler>().AddHandler<LookupHandler>());
        _bareBus = _kernels.BareBus;
        _defaultBus = _kernels.DefaultBus;

        var mediatorServices = new ServiceCollection();
        mediatorServices.AddMediator(options => options.ServiceLifetime = ServiceLifetime.Singleton);
        _mediatorServices = mediatorServices.BuildServiceProvider();
        _mediator = _mediatorServices.GetRequiredService<Mediator.IMediator>();
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _kernels.Dispose();
        _mediatorServices.Dispose();
    }

    [Benchmark(Baseline = true), BenchmarkCategory("Command")]
    public async ValueTask<int> Command_DirectCall() => (await _addHandler.HandleAsync(_add, default)).Value;

    [Benchmark, BenchmarkCategory("Command")]
    public async ValueTask<int> Command_Bus_NoBehaviors() => (await _bareBus.SendAsync(_add)).Value;

    [Benchmark, BenchmarkCategory("Command")]
    public async ValueTask<int> Command_Bus_DefaultBehaviors() => (await _defaultBus.SendAsync(_add)).Value;

    [Benchmark, BenchmarkCategory("Command")]
    public ValueTask<int> Command_Mediator() => _mediator.Send(_mediatorAdd);

    [Benchmark(Baseline = true), BenchmarkCategory("Query")]
    public async ValueTask<int> Query_DirectCall() => (await _lookupHandler.HandleAsync(_lookup, default)).Value;

    [Benchmark, BenchmarkCategory("Query")]
    public async ValueTask<int> Query_Bus_NoBehaviors() => (await _bareBus.QueryAsync(_lookup)).Value;

    [Benchmark, BenchmarkCategory("Query")]
    public async ValueTask<int> Query_Bus_DefaultBehaviors() => (await _defaultBus.QueryAsync(_lookup)).Value;

    [Benchmark, BenchmarkCategory("Query")]
    public ValueTask<int> Query_Mediator() => _mediator.Send(_mediatorLookup);
}
