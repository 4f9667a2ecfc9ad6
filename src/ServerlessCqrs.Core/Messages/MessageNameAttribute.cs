namespace ServerlessCqrs;

/// <summary>
/// Sets the stable wire name of a message (HTTP route segment, event name on the transport).
/// Without it the name is the type's name. Names are unique, compared ignoring case.
/// </summary>
/// <param name="name">The wire name.</param>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Struct, Inherited = false)]
public sealed class MessageNameAttribute(string name) : Attribute
{
    /// <summary>The wire name.</summary>
    public string Name { get; } = name;
}
