using Microsoft.Extensions.DependencyInjection;
using ServerlessCqrs.Pipeline;
using ServerlessCqrs.Registry;

namespace ServerlessCqrs.Internal;

/// <summary>Runs one handler of one event type through its pipeline; created once at startup.</summary>
internal abstract class EventHandlerInvoker(MessageDescriptor descriptor, string handlerName)
{
    protected MessageDescriptor Descriptor { get; } = descriptor;

    /// <summary>The handler's name in the ledger: the handler type's name, or a process manager's name.</summary>
    public string HandlerName { get; } = handlerName;

    public abstract ValueTask InvokeAsync(object @event, string eventId, IServiceProvider services, CancellationToken cancellationToken);
}

internal sealed class EventHandlerInvoker<TEvent> : EventHandlerInvoker
    where TEvent : IEvent
{
    private readonly BehaviorChain<TEvent, Result> _chain;
    private readonly Func<TEvent, MessageContext, CancellationToken, ValueTask> _handle;

    /// <summary>An <see cref="IEventHandler{TEvent}"/> of type <paramref name="handlerType"/>, resolved from the delivery's scope.</summary>
    public EventHandlerInvoker(MessageDescriptor descriptor, Type handlerType, BehaviorSlot[] behaviors)
        : this(descriptor, handlerType.Name, behaviors,
            (@event, context, cancellationToken) => ((IEventHandler<TEvent>)context.Services.GetRequiredService(handlerType)).HandleAsync(@event, cancellationToken))
    {
    }

    /// <summary>Any other reaction to the event, such as a process manager's, under <paramref name="handlerName"/>.</summary>
    public EventHandlerInvoker(MessageDescriptor descriptor, string handlerName, BehaviorSlot[] behaviors, Func<TEvent, MessageContext, CancellationToken, ValueTask> handle)
        : base(descriptor, handlerName)
    {
        _handle = handle;
        _chain = new(behaviors, HandleAsync);
    }

    public override async ValueTask InvokeAsync(object @event, string eventId, IServiceProvider services, CancellationToken cancellationToken)
    {
        var context = new MessageContext(Descriptor, HandlerName, services, eventId);
        var result = await _chain.ExecuteAsync((TEvent)@event, context, cancellationToken).ConfigureAwait(false);
        if (!result.IsSuccess)
        {
            // A behavior refused the event; completing it would lose it silently.
            throw new InvalidOperationException($"A behavior stopped {HandlerName} from handling {Descriptor.Name}: {result.Error}");
        }
    }

    private async ValueTask<Result> HandleAsync(TEvent @event, MessageContext context, CancellationToken cancellationToken)
    {
        await _handle(@event, context, cancellationToken).ConfigureAwait(false);
        return Result.Success;
    }
}
