using System.Collections.Concurrent;

namespace ServerlessCqrs.IntegrationTests;

/// <summary>Counts test handler runs.</summary>
public sealed class TestProbe
{
    private readonly ConcurrentDictionary<string, int> _runs = new();
    private readonly ConcurrentDictionary<string, bool> _broken = new();

    public int RunsOf(string key) => _runs.GetValueOrDefault(key);

    public void Ran(string key) => _runs.AddOrUpdate(key, 1, (_, n) => n + 1);

    public bool IsBroken(string handler) => _broken.GetValueOrDefault(handler);

    public void Break(string handler, bool broken = true) => _broken[handler] = broken;
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
[ExpectedError(ErrorKind.RuleViolation, "too_many_seats")]
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

/// <summary>Seats went back on sale; its handler fails while the probe says it is broken.</summary>
public sealed record SeatsReleased : Event
{
    public int Seats { get; init; }
}

public sealed class SeatsReleasedHandler(TestProbe probe) : IEventHandler<SeatsReleased>
{
    public ValueTask HandleAsync(SeatsReleased @event, CancellationToken cancellationToken)
    {
        if (probe.IsBroken(nameof(SeatsReleasedHandler)))
        {
            throw new InvalidOperationException("The seat map is unavailable.");
        }

        probe.Ran("released:" + @event.EventId);
        return ValueTask.CompletedTask;
    }
}
