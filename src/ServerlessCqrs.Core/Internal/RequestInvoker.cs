using Microsoft.AspNetCore.Http.Features;
using ServerlessCqrs.Pipeline;
using ServerlessCqrs.Registry;

namespace ServerlessCqrs.Internal;

/// <summary>Runs one command or query type through its pipeline; created once per type at startup.</summary>
internal abstract class RequestInvoker(MessageDescriptor descriptor, Type handlerType)
{
    protected MessageDescriptor Descriptor { get; } = descriptor;

    public string HandlerName { get; } = handlerType.Name;

    /// <summary>Dispatches a message known only at run time; the value is boxed, or null for void commands.</summary>
    public abstract ValueTask<Result<object?>> InvokeUntypedAsync(
        object message, IServiceProvider services, IFeatureCollection? features, CancellationToken cancellationToken);

    /// <summary>The context of one dispatch; <paramref name="features"/> is the caller's, when it passed some.</summary>
    protected MessageContext NewContext(IServiceProvider services, IFeatureCollection? features) =>
        new(Descriptor, HandlerName, services, messageId: null, features);
}

/// <summary>Invoker of a command that returns no value.</summary>
internal abstract class VoidRequestInvoker(MessageDescriptor descriptor, Type handlerType) : RequestInvoker(descriptor, handlerType)
{
    /// <summary>Dispatches a message in a scope; a message without behaviors goes straight to its handler, with no context.</summary>
    public abstract ValueTask<Result> InvokeAsync(object message, IServiceProvider services, IFeatureCollection? features, CancellationToken cancellationToken);

    public override async ValueTask<Result<object?>> InvokeUntypedAsync(
        object message, IServiceProvider services, IFeatureCollection? features, CancellationToken cancellationToken)
    {
        var result = await InvokeAsync(message, services, features, cancellationToken).ConfigureAwait(false);
        return result.IsSuccess ? Result<object?>.Success(null) : result.Error!;
    }
}

/// <summary>Invoker of a command or query that returns a <typeparamref name="TResult"/>.</summary>
internal abstract class RequestInvoker<TResult>(MessageDescriptor descriptor, Type handlerType) : RequestInvoker(descriptor, handlerType)
{
    /// <summary>Dispatches a message in a scope; a message without behaviors goes straight to its handler, with no context.</summary>
    public abstract ValueTask<Result<TResult>> InvokeAsync(object message, IServiceProvider services, IFeatureCollection? features, CancellationToken cancellationToken);

    public override async ValueTask<Result<object?>> InvokeUntypedAsync(
        object message, IServiceProvider services, IFeatureCollection? features, CancellationToken cancellationToken)
    {
        var result = await InvokeAsync(message, services, features, cancellationToken).ConfigureAwait(false);
        return result.TryGetValue(out var value) ? Result<object?>.Success(value) : result.Error!;
    }
}

/// <summary>
/// Invoker of a <typeparamref name="TMessage"/> that returns a <typeparamref name="TResult"/>: its behavior
/// chain around the handler call the command or query invoker supplies.
/// </summary>
internal abstract class RequestInvoker<TMessage, TResult> : RequestInvoker<TResult>
    where TMessage : notnull
{
    private readonly BehaviorChain<TMessage, Result<TResult>> _chain;

    protected RequestInvoker(MessageDescriptor descriptor, Type handlerType, BehaviorSlot[] behaviors)
        : base(descriptor, handlerType) =>
        _chain = new(behaviors, (message, context, cancellationToken) => HandleInAsync(message, context.Services, cancellationToken));

    public override ValueTask<Result<TResult>> InvokeAsync(object message, IServiceProvider services, IFeatureCollection? features, CancellationToken cancellationToken) =>
        _chain.IsEmpty
            ? HandleInAsync((TMessage)message, services, cancellationToken)
            : _chain.ExecuteAsync((TMessage)message, NewContext(services, features), cancellationToken);

    /// <summary>Runs the handler, resolved from <paramref name="services"/>.</summary>
    protected abstract ValueTask<Result<TResult>> HandleInAsync(TMessage message, IServiceProvider services, CancellationToken cancellationToken);
}
