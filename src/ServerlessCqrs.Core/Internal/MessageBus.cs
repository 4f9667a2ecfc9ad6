using Microsoft.AspNetCore.Http.Features;

namespace ServerlessCqrs.Internal;

/// <summary>
/// The command and query bus. Scoped: handlers and behaviors resolve from the caller's scope
/// (the HTTP request, the event delivery). A dispatch is one dictionary lookup by type.
/// </summary>
internal sealed class MessageBus(MessageInvokers invokers, IServiceProvider services) : IMessageBus
{
    public ValueTask<Result> SendAsync(ICommand command, CancellationToken cancellationToken = default) =>
        InvokerOf<VoidRequestInvoker>(command).InvokeAsync(command, services, null, cancellationToken);

    public ValueTask<Result<TResult>> SendAsync<TResult>(ICommand<TResult> command, CancellationToken cancellationToken = default) =>
        InvokerOf<RequestInvoker<TResult>>(command).InvokeAsync(command, services, null, cancellationToken);

    public ValueTask<Result<TResult>> QueryAsync<TResult>(IQuery<TResult> query, CancellationToken cancellationToken = default) =>
        InvokerOf<RequestInvoker<TResult>>(query).InvokeAsync(query, services, null, cancellationToken);

    public ValueTask<Result<object?>> DispatchAsync(object message, CancellationToken cancellationToken = default) =>
        InvokerOf<RequestInvoker>(message).InvokeUntypedAsync(message, services, null, cancellationToken);

    public ValueTask<Result<object?>> DispatchAsync(object message, IFeatureCollection features, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(features);
        return InvokerOf<RequestInvoker>(message).InvokeUntypedAsync(message, services, features, cancellationToken);
    }

    private TInvoker InvokerOf<TInvoker>(object message)
        where TInvoker : RequestInvoker
    {
        ArgumentNullException.ThrowIfNull(message);
        return invokers.RequestOf(message.GetType()) as TInvoker ?? throw new InvalidOperationException(invokers.Registry.TryGetByType(message.GetType(), out _)
            ? $"{message.GetType().FullName} is not a command or query; publish events with IEventPublisher."
            : $"{message.GetType().FullName} is not a registered message. Register it with AddHandler<T>(), AddMessage<T>() or by assembly scan.");
    }
}
