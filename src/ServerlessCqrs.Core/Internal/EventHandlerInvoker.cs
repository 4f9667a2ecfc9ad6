using Microsoft.Extensions.DependencyInjection;
using ServerlessCqrs.Pipeline;
using ServerlessCqrs.Registry;

namespace ServerlessCqrs.Internal;

/// <summary>Runs one handler of one event type through its pipeline; created once at startup.</summary>
internal abstract class EventHandlerInvoker(MessageDescriptor descriptor, Type handlerType)
{
    protected MessageDescriptor Descriptor { get; } = descriptor;

    protected Type HandlerType { get; } = handlerType;

    public string HandlerName { get; } = handlerType.Name;

    public abstract ValueTask InvokeAsync(object @event, string eventId, IServiceProvider services, CancellationToken cancellationToken);
}

internal sealed class EventHandlerInvoker<TEvent> : EventHandlerInvoker
    where TEvent : IEvent
{
    private readonly BehaviorChain<TEvent, Result> _chain;

    public EventHandlerInvoker(MessageDescriptor descriptor, Type handlerType, BehaviorSlot[] behaviors)
        : base(descriptor, handlerType) => _chain = new(behaviors, HandleAsync);

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
        var handler = (IEventHandler<TEvent>)context.Services.GetRequiredService(HandlerType);
        await handler.HandleAsync(@event, cancellationToken).ConfigureAwait(false);
        return Result.Success;
    }
}
