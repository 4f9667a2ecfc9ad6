using Microsoft.Extensions.Logging;
using ServerlessCqrs.Pipeline;

namespace ServerlessCqrs.Docs.Samples;

#region behavior
// A behavior wraps the handler: it may look at the message, short-circuit with an error, or call next.
internal sealed partial class AuditBehavior<TMessage, TResponse>(ILogger<AuditBehavior<TMessage, TResponse>> logger)
    : IMessageBehavior<TMessage, TResponse>
    where TMessage : ICommand                       // commands only: queries and events do not satisfy it
    where TResponse : IMessageResult<TResponse>
{
    public async ValueTask<TResponse> HandleAsync(
        TMessage message, MessageContext context, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        var response = await next(message, context, cancellationToken);
        LogAudited(logger, context.Message.Name, context.Attempt, response.IsSuccess);
        return response;
    }

    [LoggerMessage(9000, LogLevel.Information, "Audited {command} on attempt {attempt}: {succeeded}")]
    private static partial void LogAudited(ILogger logger, string command, int attempt, bool succeeded);
}
#endregion

#region behavior-over-result
// Type parameters need not be the contract's own: the kernel infers TResult from Result<TResult>,
// so this behavior sees each query's result type, and its constraint keeps it to queries.
internal sealed partial class EmptyResultWarning<TQuery, TResult>(ILogger<EmptyResultWarning<TQuery, TResult>> logger)
    : IMessageBehavior<TQuery, Result<TResult>>
    where TQuery : IQuery<TResult>
{
    public async ValueTask<Result<TResult>> HandleAsync(
        TQuery message, MessageContext context, MessageHandlerDelegate<TQuery, Result<TResult>> next, CancellationToken cancellationToken)
    {
        var result = await next(message, context, cancellationToken);
        if (result.TryGetValue(out var value) && value is System.Collections.ICollection { Count: 0 })
        {
            LogEmpty(logger, context.Message.Name, typeof(TResult).Name);
        }

        return result;
    }

    [LoggerMessage(9001, LogLevel.Debug, "{Query} found no {Result}")]
    private static partial void LogEmpty(ILogger logger, string query, string result);
}
#endregion

/// <summary>Refuses messages of a tenant that is switched off (the samples' stand-in for a real check).</summary>
internal sealed class TenantCheck<TMessage, TResponse> : IMessageBehavior<TMessage, TResponse>
    where TMessage : notnull
    where TResponse : IMessageResult<TResponse>
{
    public ValueTask<TResponse> HandleAsync(
        TMessage message, MessageContext context, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken) =>
        next(message, context, cancellationToken);
}
