using ServerlessCqrs.Pipeline;
using ServerlessCqrs.Registry;

namespace ServerlessCqrs.Internal;

/// <summary>Runs one command or query type through its pipeline; created once per type at startup.</summary>
internal abstract class RequestInvoker(MessageDescriptor descriptor, Type handlerType)
{
    protected MessageDescriptor Descriptor { get; } = descriptor;

    protected Type HandlerType { get; } = handlerType;

    public string HandlerName { get; } = handlerType.Name;

    /// <summary>Dispatches a message known only at run time; the value is boxed, or null for void commands.</summary>
    public abstract ValueTask<Result<object?>> InvokeUntypedAsync(object message, IServiceProvider services, CancellationToken cancellationToken);

    protected MessageContext NewContext(IServiceProvider services) => new(Descriptor, HandlerName, services);
}

/// <summary>Invoker of a command that returns no value.</summary>
internal abstract class VoidRequestInvoker(MessageDescriptor descriptor, Type handlerType) : RequestInvoker(descriptor, handlerType)
{
    public abstract ValueTask<Result> InvokeAsync(object message, IServiceProvider services, CancellationToken cancellationToken);

    public override async ValueTask<Result<object?>> InvokeUntypedAsync(object message, IServiceProvider services, CancellationToken cancellationToken)
    {
        var result = await InvokeAsync(message, services, cancellationToken).ConfigureAwait(false);
        return result.IsSuccess ? Result<object?>.Success(null) : result.Error!;
    }
}

/// <summary>Invoker of a command or query that returns a <typeparamref name="TResult"/>.</summary>
internal abstract class RequestInvoker<TResult>(MessageDescriptor descriptor, Type handlerType) : RequestInvoker(descriptor, handlerType)
{
    public abstract ValueTask<Result<TResult>> InvokeAsync(object message, IServiceProvider services, CancellationToken cancellationToken);

    public override async ValueTask<Result<object?>> InvokeUntypedAsync(object message, IServiceProvider services, CancellationToken cancellationToken)
    {
        var result = await InvokeAsync(message, services, cancellationToken).ConfigureAwait(false);
        return result.TryGetValue(out var value) ? Result<object?>.Success(value) : result.Error!;
    }
}
