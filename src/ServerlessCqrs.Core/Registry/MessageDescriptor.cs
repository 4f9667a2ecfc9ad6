using System.Text.Json.Serialization.Metadata;

namespace ServerlessCqrs.Registry;

/// <summary>A registered message: its wire name, kind, CLR types, JSON contract and handlers.</summary>
public sealed class MessageDescriptor
{
    internal MessageDescriptor(MessageShape shape, JsonTypeInfo jsonTypeInfo, IReadOnlyList<string> handlerNames)
    {
        Name = shape.Name;
        MessageType = shape.MessageType;
        Kind = shape.Kind;
        ResultType = shape.ResultType;
        Version = shape.Version;
        CreatesResource = shape.CreatesResource;
        JsonTypeInfo = jsonTypeInfo;
        HandlerNames = handlerNames;
        IsServiceOnly = Attribute.IsDefined(MessageType, typeof(ServiceOnlyAttribute), inherit: false);
    }

    /// <summary>Whether only the service may send it (<see cref="ServiceOnlyAttribute"/>): no HTTP route, not in the API description.</summary>
    public bool IsServiceOnly { get; }

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
    public IReadOnlyList<string> HandlerNames { get; }

    /// <inheritdoc />
    public override string ToString() => $"{Kind} {Name} ({MessageType.FullName})";
}
