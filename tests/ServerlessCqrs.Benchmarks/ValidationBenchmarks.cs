using System.ComponentModel.DataAnnotations;
using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.DependencyInjection;

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

    private ServiceProvider _bare = null!;
    private ServiceProvider _defaults = null!;
    private IMessageBus _bareBus = null!;
    private IMessageBus _defaultBus = null!;

    [GlobalSetup]
    public void Setup()
    {
        _bare = Kernel(enableDefaultBehaviors: false);
        _defaults = Kernel(enableDefaultBehaviors: true);
        _bareBus = _bare.CreateScope().ServiceProvider.GetRequiredService<IMessageBus>();
        _defaultBus = _defaults.CreateScope().ServiceProvider.GetRequiredService<IMessageBus>();
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _bare.Dispose();
        _defaults.Dispose();
    }

    [Benchmark(Baseline = true)]
    public async ValueTask<bool> Valid_NoBehaviors() => (await _bareBus.SendAsync(_valid)).IsSuccess;

    [Benchmark]
    public async ValueTask<bool> Valid_DefaultBehaviors() => (await _defaultBus.SendAsync(_valid)).IsSuccess;

    [Benchmark]
    public async ValueTask<bool> Invalid_DefaultBehaviors() => (await _defaultBus.SendAsync(_invalid)).IsSuccess;

    private static ServiceProvider Kernel(bool enableDefaultBehaviors)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddServerlessCqrs(o =>
            {
                o.EnableDefaultBehaviors = enableDefaultBehaviors;
                o.HandlerLifetime = ServiceLifetime.Singleton;
            })
            .AddHandler<PlaceOrderHandler>();
        return services.BuildServiceProvider();
    }
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
