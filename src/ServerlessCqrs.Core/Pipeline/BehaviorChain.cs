using Microsoft.Extensions.DependencyInjection;

namespace ServerlessCqrs.Pipeline;

/// <summary>A behavior type in a chain, and whether one instance serves every call.</summary>
internal readonly record struct BehaviorSlot(Type Type, bool IsSingleton);

/// <summary>
/// The behaviors of one message type around its handler, decided once at startup and composed into
/// nested delegates on first use. Singleton behaviors are captured; the others are resolved on each
/// call from the scope of the context they are given (which a behavior may replace, as caching does
/// for handler runs that outlive the request). No reflection happens per call.
/// </summary>
internal sealed class BehaviorChain<TMessage, TResponse>(BehaviorSlot[] behaviors, MessageHandlerDelegate<TMessage, TResponse> handler)
    where TMessage : notnull
    where TResponse : IMessageResult<TResponse>
{
    private MessageHandlerDelegate<TMessage, TResponse>? _composed;

    /// <summary>Whether no behavior wraps the handler (default behaviors off, none of yours applies).</summary>
    public bool IsEmpty => behaviors.Length == 0;

    public ValueTask<TResponse> ExecuteAsync(TMessage message, MessageContext context, CancellationToken cancellationToken) =>
        (_composed ??= Compose(context.Services))(message, context, cancellationToken);

    // Two first calls racing compose equal chains; keeping either is fine.
    private MessageHandlerDelegate<TMessage, TResponse> Compose(IServiceProvider services)
    {
        var next = handler;
        for (var i = behaviors.Length - 1; i >= 0; i--)
        {
            var inner = next;
            var (type, isSingleton) = behaviors[i];
            if (isSingleton)
            {
                var behavior = (IMessageBehavior<TMessage, TResponse>)services.GetRequiredService(type);
                next = (message, context, ct) => behavior.HandleAsync(message, context, inner, ct);
            }
            else
            {
                next = (message, context, ct) =>
                    ((IMessageBehavior<TMessage, TResponse>)context.Services.GetRequiredService(type)).HandleAsync(message, context, inner, ct);
            }
        }

        return next;
    }
}
