using System.ComponentModel.DataAnnotations;

namespace ServerlessCqrs.Benchmarks;

/// <summary>A command with a validated field, as most real commands have.</summary>
public sealed record Add : ICommand<int>
{
    [Range(0, 1000)]
    public int Value { get; init; }
}

public sealed class AddHandler : ICommandHandler<Add, int>
{
    public ValueTask<Result<int>> HandleAsync(Add command, CancellationToken cancellationToken) =>
        ValueTask.FromResult<Result<int>>(command.Value + 1);
}

public sealed record Lookup : IQuery<int>
{
    [Range(0, 1000)]
    public int Key { get; init; }
}

public sealed class LookupHandler : IQueryHandler<Lookup, int>
{
    public ValueTask<Result<int>> HandleAsync(Lookup query, CancellationToken cancellationToken) =>
        ValueTask.FromResult<Result<int>>(query.Key * 2);
}

/// <summary>The same work on the Mediator library (source-generated dispatch).</summary>
public sealed record MediatorAdd(int Value) : Mediator.ICommand<int>;

public sealed class MediatorAddHandler : Mediator.ICommandHandler<MediatorAdd, int>
{
    public ValueTask<int> Handle(MediatorAdd command, CancellationToken cancellationToken) => ValueTask.FromResult(command.Value + 1);
}

public sealed record MediatorLookup(int Key) : Mediator.IQuery<int>;

public sealed class MediatorLookupHandler : Mediator.IQueryHandler<MediatorLookup, int>
{
    public ValueTask<int> Handle(MediatorLookup query, CancellationToken cancellationToken) => ValueTask.FromResult(query.Key * 2);
}

/// <summary>A cached query (the cache benchmarks).</summary>
[ServerlessCqrs.Caching.QueryCache(300)]
public sealed record CachedLookup : IQuery<int>
{
    public int Key { get; init; }
}

/// <summary>Answers after a millisecond, like a fast database call, so a stampede has something to pile onto.</summary>
public sealed class CachedLookupHandler : IQueryHandler<CachedLookup, int>
{
    public async ValueTask<Result<int>> HandleAsync(CachedLookup query, CancellationToken cancellationToken)
    {
        await Task.Delay(1, cancellationToken);
        return query.Key * 2;
    }
}
