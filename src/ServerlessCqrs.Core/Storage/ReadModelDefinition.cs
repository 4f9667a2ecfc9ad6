namespace ServerlessCqrs.Storage;

/// <summary>A registered read-model view type and the name of where it is kept (a table, say).</summary>
/// <param name="ViewType">The view type.</param>
/// <param name="Name">Its store's name: letters and digits, starting with a letter.</param>
public sealed record ReadModelDefinition(Type ViewType, string Name);
