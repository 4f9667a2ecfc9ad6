using ServerlessCqrs.Pipeline;
using ServerlessCqrs.Registry;

namespace ServerlessCqrs.Internal;

internal sealed class CommandInvoker<TCommand> : VoidRequestInvoker
    where TCommand : ICommand
{
    private readonly BehaviorChain<TCommand, Result> _chain;
    private readonly HandlerSource<ICommandHandler<TCommand>> _handlers;

    public CommandInvoker(MessageDescriptor descriptor, Type handlerType, bool handlerIsSingleton, BehaviorSlot[] behaviors)
        : base(descriptor, handlerType, handlerIsSingleton)
    {
        _chain = new(behaviors, HandleAsync);
        _handlers = HandlerSource<ICommandHandler<TCommand>>();
    }

    public override ValueTask<Result> InvokeAsync(object message, IServiceProvider services, CancellationToken cancellationToken) =>
        _chain.IsEmpty ? HandleInAsync((TCommand)message, services, cancellationToken) : InvokeAsync(message, NewContext(services), cancellationToken);

    public override ValueTask<Result> InvokeAsync(object message, MessageContext context, CancellationToken cancellationToken) =>
        _chain.ExecuteAsync((TCommand)message, context, cancellationToken);

    private ValueTask<Result> HandleAsync(TCommand command, MessageContext context, CancellationToken cancellationToken) =>
        HandleInAsync(command, context.Services, cancellationToken);

    private ValueTask<Result> HandleInAsync(TCommand command, IServiceProvider services, CancellationToken cancellationToken) =>
        _handlers.From(services).HandleAsync(command, cancellationToken);
}

internal sealed class CommandInvoker<TCommand, TResult> : RequestInvoker<TResult>
    where TCommand : ICommand<TResult>
{
    private readonly BehaviorChain<TCommand, Result<TResult>> _chain;
    private readonly HandlerSource<ICommandHandler<TCommand, TResult>> _handlers;

    public CommandInvoker(MessageDescriptor descriptor, Type handlerType, bool handlerIsSingleton, BehaviorSlot[] behaviors)
        : base(descriptor, handlerType, handlerIsSingleton)
    {
        _chain = new(behaviors, HandleAsync);
        _handlers = HandlerSource<ICommandHandler<TCommand, TResult>>();
    }

    public override ValueTask<Result<TResult>> InvokeAsync(object message, IServiceProvider services, CancellationToken cancellationToken) =>
        _chain.IsEmpty ? HandleInAsync((TCommand)message, services, cancellationToken) : InvokeAsync(message, NewContext(services), cancellationToken);

    public override ValueTask<Result<TResult>> InvokeAsync(object message, MessageContext context, CancellationToken cancellationToken) =>
        _chain.ExecuteAsync((TCommand)message, context, cancellationToken);

    private ValueTask<Result<TResult>> HandleAsync(TCommand command, MessageContext context, CancellationToken cancellationToken) =>
        HandleInAsync(command, context.Services, cancellationToken);

    private ValueTask<Result<TResult>> HandleInAsync(TCommand command, IServiceProvider services, CancellationToken cancellationToken) =>
        _handlers.From(services).HandleAsync(command, cancellationToken);
}

internal sealed class QueryInvoker<TQuery, TResult> : RequestInvoker<TResult>
    where TQuery : IQuery<TResult>
{
    private readonly BehaviorChain<TQuery, Result<TResult>> _chain;
    private readonly HandlerSource<IQueryHandler<TQuery, TResult>> _handlers;

    public QueryInvoker(MessageDescriptor descriptor, Type handlerType, bool handlerIsSingleton, BehaviorSlot[] behaviors)
        : base(descriptor, handlerType, handlerIsSingleton)
    {
        _chain = new(behaviors, HandleAsync);
        _handlers = HandlerSource<IQueryHandler<TQuery, TResult>>();
    }

    public override ValueTask<Result<TResult>> InvokeAsync(object message, IServiceProvider services, CancellationToken cancellationToken) =>
        _chain.IsEmpty ? HandleInAsync((TQuery)message, services, cancellationToken) : InvokeAsync(message, NewContext(services), cancellationToken);

    public override ValueTask<Result<TResult>> InvokeAsync(object message, MessageContext context, CancellationToken cancellationToken) =>
        _chain.ExecuteAsync((TQuery)message, context, cancellationToken);

    private ValueTask<Result<TResult>> HandleAsync(TQuery query, MessageContext context, CancellationToken cancellationToken) =>
        HandleInAsync(query, context.Services, cancellationToken);

    private ValueTask<Result<TResult>> HandleInAsync(TQuery query, IServiceProvider services, CancellationToken cancellationToken) =>
        _handlers.From(services).HandleAsync(query, cancellationToken);
}
