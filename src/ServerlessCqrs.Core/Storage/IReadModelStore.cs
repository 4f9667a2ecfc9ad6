namespace ServerlessCqrs.Storage;

/// <summary>
/// Views of one type kept by projections: in partitions (a customer's orders, say), each under an id,
/// listed within its partition by a sort key. A write is conditional on the revision it was decided
/// from, so two projections writing one view at once cannot lose a change. Adapters implement it (in
/// memory, Table Storage); register a view type with <c>AddReadModel&lt;TView&gt;(name)</c>.
/// </summary>
public interface IReadModelStore<TView>
    where TView : class
{
    /// <summary>The view and its revision, or <see langword="null"/>.</summary>
    ValueTask<StoredView<TView>?> FindAsync(string partition, string id, CancellationToken cancellationToken);

    /// <summary>
    /// Writes the view, placed by <paramref name="sortKey"/> in its partition's listing, if the stored one
    /// is still at <paramref name="expectedRevision"/> (<see langword="null"/>: only if there is none).
    /// Returns <see langword="false"/>, writing nothing, otherwise.
    /// </summary>
    ValueTask<bool> TryWriteAsync(string partition, string id, TView view, string sortKey, string? expectedRevision, CancellationToken cancellationToken);

    /// <summary>
    /// Up to <paramref name="maxCount"/> views of a partition in sort-key order (ordinal, ascending; ties by id),
    /// starting after <paramref name="after"/> (<see langword="null"/>: from the start). The page's
    /// <see cref="ReadModelPage{TView}.Next"/> is set only when more views follow.
    /// </summary>
    ValueTask<ReadModelPage<TView>> ListAsync(string partition, int maxCount, ReadModelCursor? after, CancellationToken cancellationToken);

    /// <summary>Deletes the view and its place in the listing; <see langword="false"/> when there was none.</summary>
    ValueTask<bool> DeleteAsync(string partition, string id, CancellationToken cancellationToken);
}
