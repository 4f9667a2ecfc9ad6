using System.Reflection;
using System.Text.Json;

namespace ServerlessCqrs.Registry;

/// <summary>
/// What the application registered, collected while services are composed. Duplicate names fail
/// here, at registration; the frozen <see cref="MessageRegistry"/> is built from it at startup.
/// </summary>
internal sealed class MessageCatalog(CqrsOptions options)
{
    private readonly Dictionary<Type, MessageShape> _messages = [];
    private readonly Dictionary<string, MessageShape> _names = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<HandlerShape> _handlers = [];
    private readonly HashSet<Type> _handlerTypes = [];
    private readonly List<Action<JsonSerializerOptions>> _jsonConfigurations = [];
    private readonly List<Type> _processes = [];
    private readonly List<Func<IServiceProvider, IEnumerable<EventReaction>>> _reactionSources = [];

    public CqrsOptions Options { get; } = options;

    public IReadOnlyCollection<MessageShape> Messages => _messages.Values;

    public IReadOnlyList<HandlerShape> Handlers => _handlers;

    public IReadOnlyList<Action<JsonSerializerOptions>> JsonConfigurations => _jsonConfigurations;

    /// <summary>The process manager types registered.</summary>
    public IReadOnlyList<Type> Processes => _processes;

    /// <summary>What gives the reactions that are not handler types, from the built services (the process managers' steps).</summary>
    public IReadOnlyList<Func<IServiceProvider, IEnumerable<EventReaction>>> ReactionSources => _reactionSources;

    public void AddProcess(Type processType)
    {
        if (!_processes.Contains(processType))
        {
            _processes.Add(processType);
        }
    }

    public void AddReactions(Func<IServiceProvider, IEnumerable<EventReaction>> source) => _reactionSources.Add(source);

    public void AddMessage(Type type)
    {
        var shape = MessageShape.Of(type) ?? throw new ArgumentException(
            $"{type.FullName} is not a message: implement ICommand, ICommand<TResult>, IQuery<TResult> or IEvent.", nameof(type));
        Add(shape);
    }

    /// <summary>Adds a handler and the messages it handles; false when the type handles nothing.</summary>
    public bool AddHandler(Type handlerType)
    {
        var shapes = HandlerShape.Of(handlerType);
        if (shapes.Count == 0)
        {
            return false;
        }

        if (_handlerTypes.Add(handlerType))
        {
            foreach (var shape in shapes)
            {
                AddMessage(shape.MessageType);
                _handlers.Add(shape);
            }
        }

        return true;
    }

    /// <summary>Adds every message and handler in the assembly; returns the handler types.</summary>
    public IReadOnlyList<Type> Scan(Assembly assembly)
    {
        var handlers = new List<Type>();
        foreach (var type in LoadableTypes(assembly))
        {
            if (MessageShape.Of(type) is { } shape)
            {
                Add(shape);
            }

            if (AddHandler(type))
            {
                handlers.Add(type);
            }
        }

        return handlers;
    }

    public void ConfigureJson(Action<JsonSerializerOptions> configure) => _jsonConfigurations.Add(configure);

    private void Add(MessageShape shape)
    {
        if (_messages.ContainsKey(shape.MessageType))
        {
            return;
        }

        if (_names.TryGetValue(shape.Name, out var existing))
        {
            throw new InvalidOperationException(
                $"The message name '{shape.Name}' is used by both {existing.MessageType.FullName} and {shape.MessageType.FullName}. " +
                "Message names are unique, ignoring case; give one of them a [MessageName(\"...\")].");
        }

        _messages.Add(shape.MessageType, shape);
        _names.Add(shape.Name, shape);
    }

    /// <summary>The assembly's types, or those that load when some do not.</summary>
    public static IEnumerable<Type> LoadableTypes(Assembly assembly)
    {
        try
        {
            return assembly.GetTypes();
        }
        catch (ReflectionTypeLoadException e)
        {
            return e.Types.OfType<Type>();
        }
    }
}
