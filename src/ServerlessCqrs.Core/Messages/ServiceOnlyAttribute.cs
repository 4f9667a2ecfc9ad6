namespace ServerlessCqrs;

/// <summary>
/// Marks a command or query only the service sends — a process manager, an event handler — never a caller: the
/// HTTP edge does not route it (it answers as for an unknown name), the API description leaves it out, and the
/// authorization stage refuses it from anyone but the service.
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Struct, Inherited = false)]
public sealed class ServiceOnlyAttribute : Attribute;
