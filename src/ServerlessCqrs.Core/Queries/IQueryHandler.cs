namespace ServerlessCqrs;

/// <summary>Handles a query. Exactly one handler per query type.</summary>
/// <typeparam name="TQuery">The query type.</typeparam>
/// <typeparam name="TResult">The value the query returns.</typeparam>
public interface IQueryHandler<in TQuery, TResult>
    where TQuery : IQuery<TResult>
{
    /// <summary>Reads state. Expected failures (such as not found) are returned as <see cref="Result{T}"/>.</summary>
    ValueTask<Result<TResult>> HandleAsync(TQuery query, CancellationToken cancellationToken);
}
