namespace ServerlessCqrs;

/// <summary>Sets the schema version an event is written with. Without it the version is 1.</summary>
/// <param name="version">A positive schema version.</param>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Struct, Inherited = false)]
public sealed class EventVersionAttribute(int version) : Attribute
{
    /// <summary>The schema version.</summary>
    public int Version { get; } = version;
}
