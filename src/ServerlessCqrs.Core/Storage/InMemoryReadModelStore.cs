namespace ServerlessCqrs.Storage;

/// <summary>The embedded read-model store: views per partition in this process.</summary>
internal sealed class InMemoryReadModelStore<TView> : IReadModelStore<TView>
    where TView : class
{
    private readonly Dictionary<string, Dictionary<string, (TView View, string SortKey, string Revision)>> _partitions = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    public ValueTask<StoredView<TView>?> FindAsync(string partition, string id, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return ValueTask.FromResult(_partitions.TryGetValue(partition, out var views) && views.TryGetValue(id, out var stored)
                ? new StoredView<TView>(stored.View, stored.Revision)
                : null);
        }
    }

    public ValueTask<bool> TryWriteAsync(string partition, string id, TView view, string sortKey, string? expectedRevision, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (!_partitions.TryGetValue(partition, out var views))
            {
                _partitions[partition] = views = new(StringComparer.Ordinal);
            }

            var current = views.TryGetValue(id, out var stored) ? stored.Revision : null;
            if (current != expectedRevision)
            {
                return ValueTask.FromResult(false);
            }

            views[id] = (view, sortKey, Guid.NewGuid().ToString("N"));
            return ValueTask.FromResult(true);
        }
    }

    public ValueTask<IReadOnlyList<TView>> ListAsync(string partition, int maxCount, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            IReadOnlyList<TView> page = _partitions.TryGetValue(partition, out var views)
                ? [.. views.OrderBy(v => v.Value.SortKey, StringComparer.Ordinal).ThenBy(v => v.Key, StringComparer.Ordinal).Take(maxCount).Select(v => v.Value.View)]
                : [];
            return ValueTask.FromResult(page);
        }
    }
}
