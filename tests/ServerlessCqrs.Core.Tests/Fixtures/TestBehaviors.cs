using ServerlessCqrs.Pipeline;

namespace ServerlessCqrs.Core.Tests.Fixtures;

/// <summary>Wraps every message: records "outer:{message}" around the rest of the pipeline.</summary>
public sealed class OuterBehavior<TMessage, TResponse>(Probe probe) : IMessageBehavior<TMessage, TResponse>
    where TMessage : notnull
    where TResponse : IMessageResult<TResponse>
{
    public ValueTask<TResponse> HandleAsync(TMessage message, MessageContext context, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        probe.Hit("outer:" + context.Message.Name);
        return next(message, context, cancellationToken);
    }
}

/// <summary>Added second: records "inner:{message}".</summary>
public sealed class InnerBehavior<TMessage, TResponse>(Probe probe) : IMessageBehavior<TMessage, TResponse>
    where TMessage : notnull
    where TResponse : IMessageResult<TResponse>
{
    public ValueTask<TResponse> HandleAsync(TMessage message, MessageContext context, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        probe.Hit("inner:" + context.Message.Name);
        return next(message, context, cancellationToken);
    }
}

/// <summary>Constrained to void commands: never wraps queries or commands with results.</summary>
public sealed class VoidCommandsOnly<TMessage, TResponse>(Probe probe) : IMessageBehavior<TMessage, TResponse>
    where TMessage : ICommand
    where TResponse : IMessageResult<TResponse>
{
    public ValueTask<TResponse> HandleAsync(TMessage message, MessageContext context, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        probe.Hit("void-only:" + context.Message.Name);
        return next(message, context, cancellationToken);
    }
}

/// <summary>
/// Sees a query's result type itself: its type parameters are not the contract's, so the kernel infers
/// them (<c>Result&lt;TResult&gt;</c> from <c>Result&lt;int&gt;</c>); its constraint keeps it to queries.
/// </summary>
public sealed class QueryResults<TQuery, TResult>(Probe probe) : IMessageBehavior<TQuery, Result<TResult>>
    where TQuery : IQuery<TResult>
{
    public ValueTask<Result<TResult>> HandleAsync(
        TQuery message, MessageContext context, MessageHandlerDelegate<TQuery, Result<TResult>> next, CancellationToken cancellationToken)
    {
        probe.Hit($"query-result:{context.Message.Name}:{typeof(TResult).Name}");
        return next(message, context, cancellationToken);
    }
}

/// <summary>Closed over one message; short-circuits pings that say "stop".</summary>
public sealed class StopPings(Probe probe) : IMessageBehavior<Ping, Result<string>>
{
    public ValueTask<Result<string>> HandleAsync(Ping message, MessageContext context, MessageHandlerDelegate<Ping, Result<string>> next, CancellationToken cancellationToken)
    {
        probe.Hit("stop-pings");
        return message.Text == "stop"
            ? ValueTask.FromResult<Result<string>>(Error.RuleViolation("stopped", "Pings that say stop are stopped."))
            : next(message, context, cancellationToken);
    }
}

/// <summary>Refuses every event: proves a refusal is not mistaken for success.</summary>
public sealed class RefuseEvents<TMessage>(Probe probe) : IMessageBehavior<TMessage, Result>
    where TMessage : IEvent
{
    public ValueTask<Result> HandleAsync(TMessage message, MessageContext context, MessageHandlerDelegate<TMessage, Result> next, CancellationToken cancellationToken)
    {
        probe.Hit("refused:" + context.HandlerName);
        return ValueTask.FromResult<Result>(Error.RuleViolation("refused", "Not today."));
    }
}

/// <summary>Records which instance handled each call, to prove how lifetimes are honoured.</summary>
public sealed class InstanceRecorder<TMessage, TResponse>(Probe probe) : IMessageBehavior<TMessage, TResponse>
    where TMessage : notnull
    where TResponse : IMessageResult<TResponse>
{
    private readonly Guid _instance = Guid.NewGuid();

    public ValueTask<TResponse> HandleAsync(TMessage message, MessageContext context, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        probe.Hit("instance:" + _instance);
        return next(message, context, cancellationToken);
    }
}
