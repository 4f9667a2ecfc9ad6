using Microsoft.Extensions.DependencyInjection;
using ServerlessCqrs.Registry;

namespace ServerlessCqrs.Pipeline;

/// <summary>
/// Decides, once per message type, which behaviors of the <see cref="MessagePipeline"/> wrap its handler:
/// every step in the pipeline's order that serves the message's kind and that can be closed over the
/// message and response types (see <see cref="BehaviorTypes"/>), the built-in stages only when
/// <see cref="CqrsOptions.EnableDefaultBehaviors"/> is on. First is outermost.
/// </summary>
internal static class BehaviorComposer
{
    public static BehaviorSlot[] Compose(MessageDescriptor descriptor, Type responseType, MessagePipeline pipeline, CqrsOptions options)
    {
        var slots = new List<BehaviorSlot>();
        foreach (var step in pipeline.Steps)
        {
            if (step.IsStage && !options.EnableDefaultBehaviors || !step.Serves(descriptor.Kind))
            {
                continue;
            }

            if (BehaviorTypes.Close(step.BehaviorType, descriptor.MessageType, responseType) is { } closed)
            {
                slots.Add(new BehaviorSlot(closed, step.Lifetime == ServiceLifetime.Singleton));
            }
        }

        return [.. slots];
    }
}
