namespace ServerlessCqrs;

/// <summary>Sends queries through the behavior pipeline to their handler.</summary>
public interface IQueryBus
{
    /// <summary>Runs a query.</summary>
    ValueTask<Result<TResult>> QueryAsync<TResult>(IQuery<TResult> query, CancellationToken cancellationToken = default);
}
