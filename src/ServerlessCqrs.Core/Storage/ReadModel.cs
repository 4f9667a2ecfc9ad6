using ServerlessCqrs.Security;

namespace ServerlessCqrs.Storage;

/// <summary>
/// The views of one type for a domain, over the configured <see cref="IReadModelStore{TView}"/>, partitioned
/// by the current caller's tenant: a partition is named within the tenant (<see cref="TenantIds.Scope"/>), so
/// a projection run for tenant A's event writes into A's partitions and a query of tenant B never reads them.
/// </summary>
public sealed class ReadModel<TView>(IReadModelStore<TView> store)
    where TView : class
{
    /// <inheritdoc cref="IReadModelStore{TView}.FindAsync"/>
    public ValueTask<StoredView<TView>?> FindAsync(string partition, string id, CancellationToken cancellationToken) =>
        store.FindAsync(PartitionOf(partition), id, cancellationToken);

    /// <inheritdoc cref="IReadModelStore{TView}.TryWriteAsync"/>
    public ValueTask<bool> TryWriteAsync(string partition, string id, TView view, string sortKey, string? expectedRevision, CancellationToken cancellationToken) =>
        store.TryWriteAsync(PartitionOf(partition), id, view, sortKey, expectedRevision, cancellationToken);

    /// <inheritdoc cref="IReadModelStore{TView}.ListAsync"/>
    public ValueTask<ReadModelPage<TView>> ListAsync(string partition, int maxCount, ReadModelCursor? after, CancellationToken cancellationToken) =>
        store.ListAsync(PartitionOf(partition), maxCount, after, cancellationToken);

    /// <inheritdoc cref="ReadModelStoreExtensions.ChangeAsync"/>
    public ValueTask<bool> ChangeAsync(string partition, string id, Func<TView?, TView?> decide, Func<TView, string> sortKey, CancellationToken cancellationToken) =>
        store.ChangeAsync(PartitionOf(partition), id, decide, sortKey, cancellationToken);

    /// <inheritdoc cref="IReadModelStore{TView}.DeleteAsync"/>
    public ValueTask<bool> DeleteAsync(string partition, string id, CancellationToken cancellationToken) =>
        store.DeleteAsync(PartitionOf(partition), id, cancellationToken);

    private static string PartitionOf(string partition) => TenantIds.Scope(MessageCaller.Current.TenantId, partition);
}
