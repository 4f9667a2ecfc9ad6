using System.Collections.Frozen;
using System.Collections.Immutable;
using System.Reflection;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Microsoft.Extensions.DependencyInjection;
using ServerlessCqrs.Pipeline;
using ServerlessCqrs.Processes;
using ServerlessCqrs.Registry;

namespace ServerlessCqrs.Internal;

/// <summary>
/// Freezes the catalog into the registry at startup, with the invokers that dispatch each message: JSON
/// contracts, behavior chains and invokers are built here once, and every registration problem is
/// reported together.
/// </summary>
internal static class MessageInvokersFactory
{
    /// <summary>
    /// Builds the registry and invokers; <paramref name="services"/>, when given, tells which handlers are singletons (resolved
    /// once), and <paramref name="provider"/> gives the process managers, whose subscriptions become handlers of their events.
    /// </summary>
    public static MessageInvokers Create(
        MessageCatalog catalog, MessagePipeline pipeline, IEnumerable<ServiceDescriptor>? services = null, IServiceProvider? provider = null)
    {
        var json = CreateSerializerOptions(catalog);
        var singletons = SingletonsIn(services ?? []);
        var problems = new List<string>();
        var handlersByMessage = catalog.Handlers.ToLookup(h => h.MessageType, h => h.HandlerType);
        var descriptors = new List<MessageDescriptor>();
        var requests = new Dictionary<Type, RequestInvoker>();
        var eventHandlers = new Dictionary<Type, ImmutableArray<EventHandlerInvoker>>();
        var processes = ProcessSubscriptions(catalog, provider, problems);

        foreach (var shape in catalog.Messages)
        {
            var handlers = handlersByMessage[shape.MessageType].ToArray();
            var reactions = shape.Kind == MessageKind.Event ? processes[shape.Name].ToArray() : [];
            var descriptor = new MessageDescriptor(
                shape, json.GetTypeInfo(shape.MessageType), [.. handlers.Select(h => h.Name), .. reactions.Select(p => p.Manager.Name)]);
            descriptors.Add(descriptor);
            if (shape.Kind == MessageKind.Event)
            {
                eventHandlers[shape.MessageType] =
                [
                    .. handlers.Select(h => CreateEventHandlerInvoker(descriptor, h, pipeline, catalog.Options)),
                    .. reactions.Select(p => CreateProcessInvoker(descriptor, p.Manager, p.Subscription, pipeline, catalog.Options)),
                ];
                problems.AddRange(DuplicateHandlerNames(descriptor));
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

        var registered = catalog.Messages.Where(m => m.Kind == MessageKind.Event).Select(m => m.Name).ToHashSet(StringComparer.OrdinalIgnoreCase);
        problems.AddRange(processes.Where(p => !registered.Contains(p.Key)).SelectMany(p => p).Select(p =>
            $"Process {p.Manager.Name} reacts to an event named '{p.Subscription.EventName}', but no registered event has that name. " +
            "Register the context that publishes it, or the event with AddMessage<T>()."));

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

    private static IEnumerable<string> DuplicateHandlerNames(MessageDescriptor descriptor) =>
        descriptor.HandlerNames.GroupBy(name => name, StringComparer.Ordinal)
            .Where(g => g.Count() > 1)
            .Select(g => $"{descriptor} has {g.Count()} handlers or processes named {g.Key}; " +
                "handler names identify which handlers already ran for an event, so they must differ.");

    /// <summary>Each process manager's subscriptions, by the name of the event they react to.</summary>
    private static ILookup<string, (ProcessManager Manager, ProcessSubscription Subscription)> ProcessSubscriptions(
        MessageCatalog catalog, IServiceProvider? provider, List<string> problems)
    {
        if (catalog.Processes.Count > 0 && provider is null)
        {
            problems.Add("Process managers are registered, but the registry was built without a service provider to create them.");
        }

        var managers = provider is null ? [] : catalog.Processes.Select(t => (ProcessManager)provider.GetRequiredService(t)).ToArray();
        problems.AddRange(managers.GroupBy(m => m.Name, StringComparer.Ordinal).Where(g => g.Count() > 1)
            .Select(g => $"Several process managers are named {g.Key}; a process's name identifies its records, so names must differ."));
        problems.AddRange(managers.SelectMany(m => m.Subscriptions.GroupBy(s => s.EventName, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1)
            .Select(g => $"Process {m.Name} declares event '{g.Key}' {g.Count()} times; declare each event once.")));
        return managers.SelectMany(m => m.Subscriptions.Select(s => (Manager: m, Subscription: s)))
            .ToLookup(p => p.Subscription.EventName, StringComparer.OrdinalIgnoreCase);
    }

    private static EventHandlerInvoker CreateProcessInvoker(
        MessageDescriptor descriptor, ProcessManager manager, ProcessSubscription subscription, MessagePipeline pipeline, CqrsOptions options)
    {
        var behaviors = BehaviorComposer.Compose(descriptor, typeof(Result), pipeline, options);
        var create = typeof(MessageInvokersFactory).GetMethod(nameof(CreateProcessInvokerOf), BindingFlags.NonPublic | BindingFlags.Static)!
            .MakeGenericMethod(descriptor.MessageType);
        return (EventHandlerInvoker)create.Invoke(null, [descriptor, manager, subscription, behaviors])!;
    }

    private static EventHandlerInvoker<TEvent> CreateProcessInvokerOf<TEvent>(
        MessageDescriptor descriptor, ProcessManager manager, ProcessSubscription subscription, BehaviorSlot[] behaviors)
        where TEvent : IEvent =>
        new(descriptor, manager.Name, behaviors, (@event, context, cancellationToken) =>
            context.Services.GetRequiredService<ProcessRuntime>().HandleEventAsync(
                manager, subscription, ProcessRuntime.ReadAs(subscription.MessageType, @event, descriptor), @event.EventId, context.Services, cancellationToken));

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
