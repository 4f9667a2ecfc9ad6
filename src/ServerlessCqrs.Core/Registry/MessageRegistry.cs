using System.Collections.Frozen;
using System.Diagnostics.CodeAnalysis;
using System.Text.Json;

namespace ServerlessCqrs.Registry;

/// <summary>
/// Every registered message by wire name (ignoring case) and by CLR type, frozen at startup.
/// Built by <c>AddServerlessCqrs</c>; resolving it validates the registrations.
/// </summary>
public sealed class MessageRegistry
{
    private readonly FrozenDictionary<string, MessageDescriptor> _byName;
    private readonly FrozenDictionary<Type, MessageDescriptor> _byType;

    internal MessageRegistry(IReadOnlyCollection<MessageDescriptor> messages, JsonSerializerOptions serializerOptions)
    {
        _byName = messages.ToFrozenDictionary(m => m.Name, StringComparer.OrdinalIgnoreCase);
        _byType = messages.ToFrozenDictionary(m => m.MessageType);
        SerializerOptions = serializerOptions;
    }

    /// <summary>All messages, commands first, then queries, then events, each by name.</summary>
    public IEnumerable<MessageDescriptor> Messages =>
        _byType.Values.OrderBy(m => m.Kind).ThenBy(m => m.Name, StringComparer.Ordinal);

    /// <summary>The JSON options messages and results are read and written with (read-only).</summary>
    public JsonSerializerOptions SerializerOptions { get; }

    /// <summary>Finds a message by wire name, ignoring case.</summary>
    public bool TryGetByName(string name, [NotNullWhen(true)] out MessageDescriptor? descriptor) =>
        _byName.TryGetValue(name, out descriptor);

    /// <summary>Finds a message by CLR type.</summary>
    public bool TryGetByType(Type type, [NotNullWhen(true)] out MessageDescriptor? descriptor) =>
        _byType.TryGetValue(type, out descriptor);

    /// <summary>Gets a message by CLR type.</summary>
    /// <exception cref="InvalidOperationException">The type is not registered.</exception>
    public MessageDescriptor GetByType(Type type) =>
        _byType.TryGetValue(type, out var descriptor)
            ? descriptor
            : throw new InvalidOperationException(
                $"{type.FullName} is not a registered message. Register it with AddHandler<T>(), AddMessage<T>() or by assembly scan.");
}
