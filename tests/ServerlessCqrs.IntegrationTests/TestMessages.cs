using System.Collections.Concurrent;

namespace ServerlessCqrs.IntegrationTests;

/// <summary>Counts test handler runs.</summary>
public sealed class TestProbe
{
    private readonly ConcurrentDictionary<string, int> _runs = new();

    public int RunsOf(string key) => _runs.GetValueOrDefault(key);

    public void Ran(string key) => _runs.AddOrUpdate(key, 1, (_, n) => n + 1);
}

/// <summary>Always faults, with internals in the exception that must never reach the caller.</summary>
public sealed record Explode : ICommand
{
    public string Tag { get; init; } = "";
}

public sealed class ExplodeHandler(TestProbe probe) : ICommandHandler<Explode>
{
    public ValueTask<Result> HandleAsync(Explode command, CancellationToken cancellationToken)
    {
        probe.Ran("explode:" + command.Tag);
        throw new InvalidOperationException("Server=db.internal;Password=hunter2 refused the connection");
    }
}

/// <summary>Violates a business rule when more than 10 seats are asked for.</summary>
public sealed record Reserve : ICommand
{
    public int Seats { get; init; }
}

public sealed class ReserveHandler : ICommandHandler<Reserve>
{
    public ValueTask<Result> HandleAsync(Reserve command, CancellationToken cancellationToken) =>
        ValueTask.FromResult(command.Seats > 10
            ? Result.FromError(Error.RuleViolation("too_many_seats", "At most 10 seats can be reserved at once."))
            : Result.Success);
}
