using Microsoft.Extensions.DependencyInjection;

namespace ServerlessCqrs.Pipeline;

/// <summary>
/// The behaviors of one message type, composed once at startup. Each run resolves them from the
/// run's scope and nests them around the handler; no reflection happens per call.
/// </summary>
internal sealed class BehaviorChain<TMessage, TResponse>(Type[] behaviorTypes)
    where TMessage : notnull
    where TResponse : IMessageResult<TResponse>
{
    public IReadOnlyList<Type> BehaviorTypes => behaviorTypes;

    public ValueTask<TResponse> ExecuteAsync<THandler>(
        TMessage message,
        MessageContext context,
        THandler handler,
        Func<THandler, TMessage, CancellationToken, ValueTask<TResponse>> invoke,
        CancellationToken cancellationToken)
    {
        if (behaviorTypes.Length == 0)
        {
            return invoke(handler, message, cancellationToken);
        }

        MessageHandlerDelegate<TResponse> next = ct => invoke(handler, message, ct);
        for (var i = behaviorTypes.Length - 1; i >= 0; i--)
        {
            var behavior = (IMessageBehavior<TMessage, TResponse>)context.Services.GetRequiredService(behaviorTypes[i]);
            var inner = next;
            next = ct => behavior.HandleAsync(message, context, inner, ct);
        }

        return next(cancellationToken);
    }
}
