using System.ComponentModel.DataAnnotations;
using BenchmarkDotNet.Attributes;

namespace ServerlessCqrs.Benchmarks;

/// <summary>
/// The validation stage on a command shaped like CreateOrder (a required text and three validated lines),
/// valid and invalid, through the bus with the default behaviors; the same command with them off is the floor.
/// </summary>
[MemoryDiagnoser]
public class ValidationBenchmarks
{
    private readonly PlaceOrder _valid = new()
    {
        CustomerId = "c-1",
        Lines = [new() { Sku = "A-1", Quantity = 2 }, new() { Sku = "B-2", Quantity = 1 }, new() { Sku = "C-3", Quantity = 5 }],
    };

    private readonly PlaceOrder _invalid = new()
    {
        CustomerId = "",
        Lines = [new() { Sku = "A-1", Quantity = 2 }, new() { Sku = "", Quantity = 0 }],
    };

    private KernelPair _kernels = null!;
    private IMessageBus _bareBus = null!;
    private IMessageBus _defaultBus = null!;

    [GlobalSetup]
    public void Setup()
    {
        _kernels = new KernelPair(cqrs => cqrs.AddHandler<PlaceOrderHandler>());
        _bareBus = _kernels.BareBus;
        _defaultBus = _kernels.DefaultBus;
    }

    [GlobalCleanup]
    public void Cleanup() => _kernels.Dispose();

    [Benchmark(Baseline = true)]
    public async ValueTask<bool> Valid_NoBehaviors() => (await _bareBus.SendAsync(_valid)).IsSuccess;

    [Benchmark]
    public async ValueTask<bool> Valid_DefaultBehaviors() => (await _defaultBus.SendAsync(_valid)).IsSuccess;

    [Benchmark]
    public async ValueTask<bool> Invalid_DefaultBehaviors() => (await _defaultBus.SendAsync(_invalid)).IsSuccess;
}

/// <summary>A command shaped like CreateOrder.</summary>
public sealed record PlaceOrder : ICommand
{
    [Required]
    [StringLength(64)]
    public string CustomerId { get; init; } = "";

    [MinLength(1)]
    public IReadOnlyList<PlaceOrderLine> Lines { get; init; } = [];
}

/// <summary>One line of a <see cref="PlaceOrder"/>.</summary>
public sealed record PlaceOrderLine
{
    [Required]
    public string Sku { get; init; } = "";

    [Range(1, 1000)]
    public int Quantity { get; init; }
}

public sealed class PlaceOrderHandler : ICommandHandler<PlaceOrder>
{
    public ValueTask<Result> HandleAsync(PlaceOrder command, CancellationToken cancellationToken) => ValueTask.FromResult(Result.Success);
}
