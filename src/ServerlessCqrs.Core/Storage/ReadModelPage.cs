namespace ServerlessCqrs.Storage;

/// <summary>One page of a read-model partition's listing.</summary>
/// <param name="Views">The views, in sort-key order.</param>
/// <param name="Next">Where the next page starts; <see langword="null"/> when this page is the last.</param>
public sealed record ReadModelPage<TView>(IReadOnlyList<TView> Views, ReadModelCursor? Next);
