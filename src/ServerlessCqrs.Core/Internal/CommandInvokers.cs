using Microsoft.AspNetCore.Http.Features;
using ServerlessCqrs.Pipeline;
using ServerlessCqrs.Registry;

namespace ServerlessCqrs.Internal;

internal sealed class CommandInvoker<TCommand> : VoidRequestInvoker
    where TCommand : ICommand
{
    private readonly BehaviorChain<TCommand, Result> _chain;
    private readonly HandlerSource<ICommandHandler<TCommand>> _handlers;

    public CommandInvoker(MessageDescriptor descriptor, Type handlerType, bool handlerIsSingleton, BehaviorSlot[] behaviors)
        : base(descriptor, handlerType)
    {
        _chain = new(behaviors, (command, context, cancellationToken) => HandleInAsync(command, context.Services, cancellationToken));
        _handlers = new(handlerType, handlerIsSingleton);
    }

    public override ValueTask<Result> InvokeAsync(object message, IServiceProvider services, IFeatureCollection? features, CancellationToken cancellationToken) =>
        _chain.IsEmpty
            ? HandleInAsync((TCommand)message, services, cancellationToken)
            : _chain.ExecuteAsync((TCommand)message, NewContext(services, features), cancellationToken);

    private ValueTask<Result> HandleInAsync(TCommand command, IServiceProvider services, CancellationToken cancellationToken) =>
        _handlers.From(services).HandleAsync(command, cancellationToken);
}

internal sealed class CommandInvoker<TCommand, TResult>(MessageDescriptor descriptor, Type handlerType, bool handlerIsSingleton, BehaviorSlot[] behaviors)
    : RequestInvoker<TCommand, TResult>(descriptor, handlerType, behaviors)
    where TCommand : ICommand<TResult>
{
    private readonly HandlerSource<ICommandHandler<TCommand, TResult>> _handlers = new(handlerType, handlerIsSingleton);

    protected override ValueTask<Result<TResult>> HandleInAsync(TCommand message, IServiceProvider services, CancellationToken cancellationToken) =>
        _handlers.From(services).HandleAsync(message, cancellationToken);
}

internal sealed class QueryInvoker<TQuery, TResult>(MessageDescriptor descriptor, Type handlerType, bool handlerIsSingleton, BehaviorSlot[] behaviors)
    : RequestInvoker<TQuery, TResult>(descriptor, handlerType, behaviors)
    where TQuery : IQuery<TResult>
{
    private readonly HandlerSource<IQueryHandler<TQuery, TResult>> _handlers = new(handlerType, handlerIsSingleton);

    protected override ValueTask<Result<TResult>> HandleInAsync(TQuery message, IServiceProvider services, CancellationToken cancellationToken) =>
        _handlers.From(services).HandleAsync(message, cancellationToken);
}
