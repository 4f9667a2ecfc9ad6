using ServerlessCqrs.Pipeline;

namespace ServerlessCqrs.Testing;

/// <summary>Records every command as it enters the pipeline, outermost, before anything may refuse it.</summary>
internal sealed class CommandCapture<TMessage, TResponse>(MessageLog log) : IMessageBehavior<TMessage, TResponse>
    where TMessage : notnull
    where TResponse : IMessageResult<TResponse>
{
    public ValueTask<TResponse> HandleAsync(TMessage message, MessageContext context, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        if (context.Message.Kind == MessageKind.Command)
        {
            log.Sent(message);
        }

        return next(message, context, cancellationToken);
    }
}
