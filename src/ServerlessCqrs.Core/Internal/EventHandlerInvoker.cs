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

internal sealed class EventHandlerInvoker<TEvent>(MessageDescriptor descriptor, Type handlerType, BehaviorChain<TEvent, Result> chain)
    : EventHandlerInvoker(descriptor, handlerType)
    where TEvent : IEvent
{
    public override async ValueTask InvokeAsync(object @event, string eventId, IServiceProvider services, CancellationToken cancellationToken)
    {
        var handler = (IEventHandler<TEvent>)services.GetRequiredService(HandlerType);
        var context = new MessageContext(Descriptor, HandlerName, services, eventId);
        var result = await chain.ExecuteAsync((TEvent)@event, context, handler, HandleAsync, cancellationToken).ConfigureAwait(false);
        if (!result.IsSuccess)
        {
            // A behavior refused the event; completing it would lose it silently.
            throw new InvalidOperationException($"A behavior stopped {HandlerName} from handling {Descriptor.Name}: {result.Error}");
        }
    }

    private static async ValueTask<Result> HandleAsync(IEventHandler<TEvent> handler, TEvent @event, CancellationToken cancellationToken)
    {
        await handler.HandleAsync(@event, cancellationToken).ConfigureAwait(false);
        return Result.Success;
    }
}
