namespace ServerlessCqrs;

/// <summary>
/// Marks a command whose success creates a new resource, so hosts can answer accordingly
/// (the HTTP edge replies 201 Created instead of 200 OK).
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Struct, Inherited = false)]
public sealed class CreatesResourceAttribute : Attribute;
