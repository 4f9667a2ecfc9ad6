using ServerlessCqrs.Pipeline;
using ServerlessCqrs.Registry;

namespace ServerlessCqrs.Internal;

internal sealed class CommandInvoker<TCommand>(MessageDescriptor descriptor, Type handlerType, BehaviorChain<TCommand, Result> chain)
    : VoidRequestInvoker(descriptor, handlerType)
    where TCommand : ICommand
{
    public override ValueTask<Result> InvokeAsync(object message, IServiceProvider services, CancellationToken cancellationToken) =>
        chain.ExecuteAsync(
            (TCommand)message,
            NewContext(services),
            ResolveHandler<ICommandHandler<TCommand>>(services),
            static (handler, command, ct) => handler.HandleAsync(command, ct),
            cancellationToken);
}

internal sealed class CommandInvoker<TCommand, TResult>(MessageDescriptor descriptor, Type handlerType, BehaviorChain<TCommand, Result<TResult>> chain)
    : RequestInvoker<TResult>(descriptor, handlerType)
    where TCommand : ICommand<TResult>
{
    public override ValueTask<Result<TResult>> InvokeAsync(object message, IServiceProvider services, CancellationToken cancellationToken) =>
        chain.ExecuteAsync(
            (TCommand)message,
            NewContext(services),
            ResolveHandler<ICommandHandler<TCommand, TResult>>(services),
            static (handler, command, ct) => handler.HandleAsync(command, ct),
            cancellationToken);
}

internal sealed class QueryInvoker<TQuery, TResult>(MessageDescriptor descriptor, Type handlerType, BehaviorChain<TQuery, Result<TResult>> chain)
    : RequestInvoker<TResult>(descriptor, handlerType)
    where TQuery : IQuery<TResult>
{
    public override ValueTask<Result<TResult>> InvokeAsync(object message, IServiceProvider services, CancellationToken cancellationToken) =>
        chain.ExecuteAsync(
            (TQuery)message,
            NewContext(services),
            ResolveHandler<IQueryHandler<TQuery, TResult>>(services),
            static (handler, query, ct) => handler.HandleAsync(query, ct),
            cancellationToken);
}
