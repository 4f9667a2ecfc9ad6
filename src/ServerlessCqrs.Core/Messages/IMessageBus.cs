using Microsoft.AspNetCore.Http.Features;

namespace ServerlessCqrs;

/// <summary>
/// The command and query buses plus an untyped entry point for hosts that only know a message at
/// run time (the HTTP edge binds a name to a type, then dispatches the instance).
/// </summary>
public interface IMessageBus : ICommandBus, IQueryBus
{
    /// <summary>
    /// Dispatches a registered command or query. The value is the handler's result, or
    /// <see langword="null"/> for commands that return none.
    /// </summary>
    /// <exception cref="InvalidOperationException">The message is not a registered command or query.</exception>
    ValueTask<Result<object?>> DispatchAsync(object message, CancellationToken cancellationToken = default);

    /// <summary>
    /// Dispatches a registered command or query with <paramref name="features"/> as the pipeline's
    /// <c>MessageContext.Features</c>: what the caller asks of the behaviors goes in before, what they report
    /// (such as the query cache's <c>QueryCacheStatus</c>) is there after.
    /// </summary>
    /// <exception cref="InvalidOperationException">The message is not a registered command or query.</exception>
    ValueTask<Result<object?>> DispatchAsync(object message, IFeatureCollection features, CancellationToken cancellationToken = default);
}
