namespace ServerlessCqrs.Storage;

/// <summary>A stored value and the version it is at.</summary>
/// <param name="Value">The value.</param>
/// <param name="Version">Starts at 1 and rises by one with every committed change.</param>
public sealed record Versioned<T>(T Value, long Version);
