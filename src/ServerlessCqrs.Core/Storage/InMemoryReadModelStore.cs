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

    public ValueTask<ReadModelPage<TView>> ListAsync(string partition, int maxCount, ReadModelCursor? after, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxCount);
        lock (_gate)
        {
            if (!_partitions.TryGetValue(partition, out var views))
            {
                return ValueTask.FromResult(new ReadModelPage<TView>([], null));
            }

            var listed = views
                .Select(v => (Position: new ReadModelCursor(v.Value.SortKey, v.Key), v.Value.View))
                .Where(v => after is null || Compare(v.Position, after) > 0)
                .OrderBy(v => v.Position.SortKey, StringComparer.Ordinal).ThenBy(v => v.Position.Id, StringComparer.Ordinal)
                .Take(maxCount + 1)
                .ToList();
            var more = listed.Count > maxCount;
            var page = listed.Take(maxCount).ToList();
            return ValueTask.FromResult(new ReadModelPage<TView>([.. page.Select(v => v.View)], more ? page[^1].Position : null));
        }
    }

    public ValueTask<bool> DeleteAsync(string partition, string id, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return ValueTask.FromResult(_partitions.TryGetValue(partition, out var views) && views.Remove(id));
        }
    }

    private static int Compare(ReadModelCursor left, ReadModelCursor right)
    {
        var bySortKey = string.CompareOrdinal(left.SortKey, right.SortKey);
        return bySortKey != 0 ? bySortKey : string.CompareOrdinal(left.Id, right.Id);
    }
}
