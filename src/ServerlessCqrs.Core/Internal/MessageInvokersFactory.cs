using System.Collections.Frozen;
using System.Collections.Immutable;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Microsoft.Extensions.DependencyInjection;
using ServerlessCqrs.Pipeline;
using ServerlessCqrs.Registry;

namespace ServerlessCqrs.Internal;

/// <summary>
/// Freezes the catalog into the registry at startup, with the invokers that dispatch each message: JSON
/// contracts, behavior chains and invokers are built here once, and every registration problem is
/// reported together.
/// </summary>
internal static class MessageInvokersFactory
{
    /// <summary>Builds the registry and invokers; <paramref name="services"/>, when given, tells which handlers are singletons (resolved once).</summary>
    public static MessageInvokers Create(MessageCatalog catalog, MessagePipeline pipeline, IEnumerable<ServiceDescriptor>? services = null)
    {
        var json = CreateSerializerOptions(catalog);
        var singletons = SingletonsIn(services ?? []);
        var problems = new List<string>();
        var handlersByMessage = catalog.Handlers.ToLookup(h => h.MessageType, h => h.HandlerType);
        var descriptors = new List<MessageDescriptor>();
        var requests = new Dictionary<Type, RequestInvoker>();
        var eventHandlers = new Dictionary<Type, ImmutableArray<EventHandlerInvoker>>();

        foreach (var shape in catalog.Messages)
        {
            var handlers = handlersByMessage[shape.MessageType].ToArray();
            var descriptor = new MessageDescriptor(shape, json.GetTypeInfo(shape.MessageType), [.. handlers.Select(h => h.Name)]);
            descriptors.Add(descriptor);
            if (shape.Kind == MessageKind.Event)
            {
                eventHandlers[shape.MessageType] = [.. handlers.Select(h => CreateEventHandlerInvoker(descriptor, h, pipeline, catalog.Options))];
                problems.AddRange(DuplicateHandlerNames(descriptor, handlers));
            }
            else if (handlers.Length == 1)
            {
                requests[shape.MessageType] = CreateRequestInvoker(descriptor, handlers[0], singletons.Contains(handlers[0]), pipeline, catalog.Options);
            }
            else
            {
                problems.Add(handlers.Length == 0
                    ? $"{descriptor} has no handler. Implement its handler interface and register it (assembly scan or AddHandler<T>())."
                    : $"{descriptor} has {handlers.Length} handlers ({string.Join(", ", handlers.Select(h => h.FullName))}); commands and queries have exactly one.");
            }
        }

        if (problems.Count > 0)
        {
            throw new InvalidOperationException(
                "The CQRS registrations are invalid:" + Environment.NewLine + string.Join(Environment.NewLine, problems.Select(p => " - " + p)));
        }

        return new MessageInvokers(new MessageRegistry(descriptors, json), requests.ToFrozenDictionary(), eventHandlers.ToFrozenDictionary());
    }

    private static JsonSerializerOptions CreateSerializerOptions(MessageCatalog catalog)
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            TypeInfoResolver = new DefaultJsonTypeInfoResolver(),

            // Messages and results are JSON API bodies, never embedded in HTML.
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        };
        options.Converters.Add(new JsonStringEnumConverter());
        foreach (var configure in catalog.JsonConfigurations)
        {
            configure(options);
        }

        options.MakeReadOnly();
        return options;
    }

    private static IEnumerable<string> DuplicateHandlerNames(MessageDescriptor descriptor, Type[] handlers) =>
        handlers.GroupBy(h => h.Name, StringComparer.Ordinal)
            .Where(g => g.Count() > 1)
            .Select(g => $"{descriptor} has several handlers named {g.Key} ({string.Join(", ", g.Select(h => h.FullName))}); " +
                "handler names identify which handlers already ran for an event, so they must differ.");

    // The last registration of a type is the one resolved.
    private static HashSet<Type> SingletonsIn(IEnumerable<ServiceDescriptor> services) =>
        [.. services.Where(d => !d.IsKeyedService).GroupBy(d => d.ServiceType)
            .Where(g => g.Last().Lifetime == ServiceLifetime.Singleton).Select(g => g.Key)];

    private static RequestInvoker CreateRequestInvoker(
        MessageDescriptor descriptor, Type handlerType, bool handlerIsSingleton, MessagePipeline pipeline, CqrsOptions options)
    {
        var (invokerType, responseType) = (descriptor.Kind, descriptor.ResultType) switch
        {
            (MessageKind.Command, null) => (typeof(CommandInvoker<>).MakeGenericType(descriptor.MessageType), typeof(Result)),
            (MessageKind.Command, var result) => (
                typeof(CommandInvoker<,>).MakeGenericType(descriptor.MessageType, result),
                typeof(Result<>).MakeGenericType(result)),
            (_, var result) => (
                typeof(QueryInvoker<,>).MakeGenericType(descriptor.MessageType, result!),
                typeof(Result<>).MakeGenericType(result!)),
        };
        var behaviors = BehaviorComposer.Compose(descriptor, responseType, pipeline, options);
        return (RequestInvoker)Activator.CreateInstance(invokerType, descriptor, handlerType, handlerIsSingleton, behaviors)!;
    }

    private static EventHandlerInvoker CreateEventHandlerInvoker(MessageDescriptor descriptor, Type handlerType, MessagePipeline pipeline, CqrsOptions options)
    {
        var behaviors = BehaviorComposer.Compose(descriptor, typeof(Result), pipeline, options);
        var invokerType = typeof(EventHandlerInvoker<>).MakeGenericType(descriptor.MessageType);
        return (EventHandlerInvoker)Activator.CreateInstance(invokerType, descriptor, handlerType, behaviors)!;
    }
}
