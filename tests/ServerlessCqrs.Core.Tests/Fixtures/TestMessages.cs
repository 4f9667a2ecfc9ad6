using System.ComponentModel.DataAnnotations;

namespace ServerlessCqrs.Core.Tests.Fixtures;

/// <summary>A command with a result and a validated field.</summary>
public sealed record Ping : ICommand<string>
{
    [Required, StringLength(10)]
    public string Text { get; init; } = "";
}

public sealed class PingHandler(Probe probe) : ICommandHandler<Ping, string>
{
    public ValueTask<Result<string>> HandleAsync(Ping command, CancellationToken cancellationToken)
    {
        probe.Hit(nameof(Ping));
        return ValueTask.FromResult<Result<string>>("pong:" + command.Text);
    }
}

/// <summary>A command without a result; <see cref="Id"/> "missing" is not found, "conflict" conflicts.</summary>
public sealed record Touch : ICommand
{
    public string Id { get; init; } = "t";
}

public sealed class TouchHandler(Probe probe) : ICommandHandler<Touch>
{
    public ValueTask<Result> HandleAsync(Touch command, CancellationToken cancellationToken)
    {
        probe.Hit(nameof(Touch));
        Result result = command.Id switch
        {
            "missing" => Error.NotFound("thing_not_found", "No such thing."),
            "stale" => Error.Concurrency("Someone else changed it."),
            _ => Result.Success,
        };
        return ValueTask.FromResult(result);
    }
}

/// <summary>A query.</summary>
[MessageName("count-things")]
public sealed record CountThings : IQuery<int>
{
    [Range(0, 10)]
    public int Of { get; init; }
}

public sealed class CountThingsHandler(Probe probe) : IQueryHandler<CountThings, int>
{
    public ValueTask<Result<int>> HandleAsync(CountThings query, CancellationToken cancellationToken)
    {
        probe.Hit(nameof(CountThings));
        return ValueTask.FromResult<Result<int>>(query.Of * 2);
    }
}

/// <summary>An event with two handlers.</summary>
[EventVersion(2)]
public sealed record SomethingHappened : Event
{
    public string What { get; init; } = "";
}

public sealed class FirstReaction(Probe probe) : IEventHandler<SomethingHappened>
{
    public ValueTask HandleAsync(SomethingHappened @event, CancellationToken cancellationToken)
    {
        probe.Hit(nameof(FirstReaction));
        return ValueTask.CompletedTask;
    }
}

public sealed class SecondReaction(Probe probe) : IEventHandler<SomethingHappened>
{
    public ValueTask HandleAsync(SomethingHappened @event, CancellationToken cancellationToken)
    {
        probe.Hit(nameof(SecondReaction));
        return ValueTask.CompletedTask;
    }
}

/// <summary>An event nobody handles.</summary>
public sealed record NobodyCares : Event;

/// <summary>Fails as the probe says; returns how many times it has run.</summary>
public sealed record Flaky : ICommand<int>;

public sealed class FlakyHandler(Probe probe) : ICommandHandler<Flaky, int>
{
    public ValueTask<Result<int>> HandleAsync(Flaky command, CancellationToken cancellationToken)
    {
        probe.Hit(nameof(Flaky));
        return ValueTask.FromResult<Result<int>>(probe.CountOf(nameof(Flaky)));
    }
}

/// <summary>Hangs on its first run until cancelled; answers at once after that.</summary>
public sealed record Slow : ICommand;

public sealed class SlowHandler(Probe probe) : ICommandHandler<Slow>
{
    public async ValueTask<Result> HandleAsync(Slow command, CancellationToken cancellationToken)
    {
        probe.Hit(nameof(Slow));
        if (probe.CountOf(nameof(Slow)) == 1)
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
        }

        return Result.Success;
    }
}
