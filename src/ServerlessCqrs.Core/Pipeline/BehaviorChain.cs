using Microsoft.Extensions.DependencyInjection;

namespace ServerlessCqrs.Pipeline;

/// <summary>A behavior type in a chain, and whether one instance serves every call.</summary>
internal readonly record struct BehaviorSlot(Type Type, bool IsSingleton);

/// <summary>
/// The behaviors of one message type around its handler, decided once at startup. When every
/// behavior is a singleton the nested delegates are composed on first use and reused by every call;
/// otherwise each call resolves the behaviors from its own scope. No reflection happens per call.
/// </summary>
internal sealed class BehaviorChain<TMessage, TResponse>(BehaviorSlot[] behaviors, MessageHandlerDelegate<TMessage, TResponse> handler)
    where TMessage : notnull
    where TResponse : IMessageResult<TResponse>
{
    private readonly bool _reusable = behaviors.All(b => b.IsSingleton);
    private MessageHandlerDelegate<TMessage, TResponse>? _composed;

    public ValueTask<TResponse> ExecuteAsync(TMessage message, MessageContext context, CancellationToken cancellationToken) =>
        (_composed ?? Compose(context.Services))(message, context, cancellationToken);

    private MessageHandlerDelegate<TMessage, TResponse> Compose(IServiceProvider services)
    {
        var next = handler;
        for (var i = behaviors.Length - 1; i >= 0; i--)
        {
            var behavior = (IMessageBehavior<TMessage, TResponse>)services.GetRequiredService(behaviors[i].Type);
            var inner = next;
            next = (message, context, ct) => behavior.HandleAsync(message, context, inner, ct);
        }

        if (_reusable)
        {
            // Two first calls racing compose equal chains; keeping either is fine.
            _composed = next;
        }

        return next;
    }
}
