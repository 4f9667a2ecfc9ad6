using ServerlessCqrs.Registry;

namespace ServerlessCqrs.Internal;

/// <summary>
/// The command and query bus. Scoped: handlers and behaviors resolve from the caller's scope
/// (the HTTP request, the event delivery). A dispatch is one dictionary lookup by type.
/// </summary>
internal sealed class MessageBus(MessageRegistry registry, IServiceProvider services) : IMessageBus
{
    public ValueTask<Result> SendAsync(ICommand command, CancellationToken cancellationToken = default) =>
        InvokerOf<VoidRequestInvoker>(command).InvokeAsync(command, services, cancellationToken);

    public ValueTask<Result<TResult>> SendAsync<TResult>(ICommand<TResult> command, CancellationToken cancellationToken = default) =>
        InvokerOf<RequestInvoker<TResult>>(command).InvokeAsync(command, services, cancellationToken);

    public ValueTask<Result<TResult>> QueryAsync<TResult>(IQuery<TResult> query, CancellationToken cancellationToken = default) =>
        InvokerOf<RequestInvoker<TResult>>(query).InvokeAsync(query, services, cancellationToken);

    public ValueTask<Result<object?>> DispatchAsync(object message, CancellationToken cancellationToken = default) =>
        InvokerOf<RequestInvoker>(message).InvokeUntypedAsync(message, services, cancellationToken);

    private TInvoker InvokerOf<TInvoker>(object message)
        where TInvoker : RequestInvoker
    {
        ArgumentNullException.ThrowIfNull(message);
        return registry.GetByType(message.GetType()).Invoker as TInvoker ?? throw new InvalidOperationException(
            $"{message.GetType().FullName} is not a command or query; publish events with IEventPublisher.");
    }
}
