using Microsoft.Extensions.DependencyInjection;
using ServerlessCqrs.Pipeline;
using ServerlessCqrs.Registry;

namespace ServerlessCqrs.Internal;

internal sealed class CommandInvoker<TCommand> : VoidRequestInvoker
    where TCommand : ICommand
{
    private readonly BehaviorChain<TCommand, Result> _chain;

    public CommandInvoker(MessageDescriptor descriptor, Type handlerType, BehaviorSlot[] behaviors)
        : base(descriptor, handlerType) => _chain = new(behaviors, HandleAsync);

    public override ValueTask<Result> InvokeAsync(object message, MessageContext context, CancellationToken cancellationToken) =>
        _chain.ExecuteAsync((TCommand)message, context, cancellationToken);

    private ValueTask<Result> HandleAsync(TCommand command, MessageContext context, CancellationToken cancellationToken) =>
        ((ICommandHandler<TCommand>)context.Services.GetRequiredService(HandlerType)).HandleAsync(command, cancellationToken);
}

internal sealed class CommandInvoker<TCommand, TResult> : RequestInvoker<TResult>
    where TCommand : ICommand<TResult>
{
    private readonly BehaviorChain<TCommand, Result<TResult>> _chain;

    public CommandInvoker(MessageDescriptor descriptor, Type handlerType, BehaviorSlot[] behaviors)
        : base(descriptor, handlerType) => _chain = new(behaviors, HandleAsync);

    public override ValueTask<Result<TResult>> InvokeAsync(object message, MessageContext context, CancellationToken cancellationToken) =>
        _chain.ExecuteAsync((TCommand)message, context, cancellationToken);

    private ValueTask<Result<TResult>> HandleAsync(TCommand command, MessageContext context, CancellationToken cancellationToken) =>
        ((ICommandHandler<TCommand, TResult>)context.Services.GetRequiredService(HandlerType)).HandleAsync(command, cancellationToken);
}

internal sealed class QueryInvoker<TQuery, TResult> : RequestInvoker<TResult>
    where TQuery : IQuery<TResult>
{
    private readonly BehaviorChain<TQuery, Result<TResult>> _chain;

    public QueryInvoker(MessageDescriptor descriptor, Type handlerType, BehaviorSlot[] behaviors)
        : base(descriptor, handlerType) => _chain = new(behaviors, HandleAsync);

    public override ValueTask<Result<TResult>> InvokeAsync(object message, MessageContext context, CancellationToken cancellationToken) =>
        _chain.ExecuteAsync((TQuery)message, context, cancellationToken);

    private ValueTask<Result<TResult>> HandleAsync(TQuery query, MessageContext context, CancellationToken cancellationToken) =>
        ((IQueryHandler<TQuery, TResult>)context.Services.GetRequiredService(HandlerType)).HandleAsync(query, cancellationToken);
}
