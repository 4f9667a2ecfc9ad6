namespace ServerlessCqrs.Pipeline;

/// <summary>
/// Continues the pipeline: the next behavior, or the handler. It takes the message and context so
/// the composed chain can be built once and reused by every call (and so a behavior may pass on a
/// different message).
/// </summary>
/// <typeparam name="TMessage">The message type.</typeparam>
/// <typeparam name="TResponse">The handler's result type.</typeparam>
public delegate ValueTask<TResponse> MessageHandlerDelegate<in TMessage, TResponse>(
    TMessage message, MessageContext context, CancellationToken cancellationToken);

/// <summary>
/// A decorator around message handling. Behaviors are composed once per message type at startup,
/// in a fixed order: the default behaviors (telemetry, logging, validation, resilience) outermost,
/// then your behaviors in the order you added them, then the handler.
/// </summary>
/// <remarks>
/// Register an open generic type (<c>AuditBehavior&lt;,&gt;</c>) to wrap every message whose types satisfy
/// its generic constraints, or a closed type (<c>IMessageBehavior&lt;CreateOrder, Result&lt;OrderCreated&gt;&gt;</c>)
/// to wrap one message type. Event handlers run with <typeparamref name="TResponse"/> = <see cref="Result"/>.
/// When every behavior of a message is a singleton, the chain is composed once and calls allocate nothing for it.
/// </remarks>
/// <typeparam name="TMessage">The message type.</typeparam>
/// <typeparam name="TResponse">The handler's result type: <see cref="Result"/> or <see cref="Result{T}"/>.</typeparam>
public interface IMessageBehavior<TMessage, TResponse>
    where TMessage : notnull
    where TResponse : IMessageResult<TResponse>
{
    /// <summary>Handles the message, usually by calling <paramref name="next"/>.</summary>
    ValueTask<TResponse> HandleAsync(
        TMessage message,
        MessageContext context,
        MessageHandlerDelegate<TMessage, TResponse> next,
        CancellationToken cancellationToken);
}
