using System.Collections.Immutable;
using System.Text.Json.Serialization.Metadata;
using ServerlessCqrs.Diagnostics;
using ServerlessCqrs.Internal;
using ServerlessCqrs.Pipeline.Validation;

namespace ServerlessCqrs.Registry;

/// <summary>A registered message: its wire name, kind, CLR types, JSON contract and handlers.</summary>
public sealed class MessageDescriptor
{
    internal MessageDescriptor(MessageShape shape, JsonTypeInfo jsonTypeInfo)
    {
        Name = shape.Name;
        MessageType = shape.MessageType;
        Kind = shape.Kind;
        ResultType = shape.ResultType;
        Version = shape.Version;
        CreatesResource = shape.CreatesResource;
        JsonTypeInfo = jsonTypeInfo;
        SpanName = CqrsDiagnostics.SpanNames.ForMessage(Kind, Name);
    }

    /// <summary>The stable wire name.</summary>
    public string Name { get; }

    /// <summary>The CLR type.</summary>
    public Type MessageType { get; }

    /// <summary>Command, query or event.</summary>
    public MessageKind Kind { get; }

    /// <summary>The value a command or query returns; <see langword="null"/> for void commands and events.</summary>
    public Type? ResultType { get; }

    /// <summary>The schema version (events; 1 for others).</summary>
    public int Version { get; }

    /// <summary>Whether success creates a resource (see <see cref="CreatesResourceAttribute"/>).</summary>
    public bool CreatesResource { get; }

    /// <summary>The JSON contract the message is read and written with.</summary>
    public JsonTypeInfo JsonTypeInfo { get; }

    /// <summary>Names of the handlers, in the order they run.</summary>
    public IReadOnlyList<string> HandlerNames =>
        Invoker is not null ? [Invoker.HandlerName] : [.. EventHandlers.Select(h => h.HandlerName)];

    internal string SpanName { get; }

    internal MessageValidator? Validator { get; init; }

    /// <summary>Whether a query's cache key must sort its JSON (decided on first use by the cache keys).</summary>
    internal bool? CacheKeyNeedsSorting { get; set; }

    internal RequestInvoker? Invoker { get; set; }

    internal ImmutableArray<EventHandlerInvoker> EventHandlers { get; set; } = [];

    /// <inheritdoc />
    public override string ToString() => $"{Kind} {Name} ({MessageType.FullName})";
}
