namespace ServerlessCqrs.Storage;

/// <summary>A read-model view as stored, with the store's revision of it (for a conditional write).</summary>
/// <param name="View">The view.</param>
/// <param name="Revision">Changes with every write; opaque.</param>
public sealed record StoredView<TView>(TView View, string Revision);
