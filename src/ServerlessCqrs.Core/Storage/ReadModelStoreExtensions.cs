using ServerlessCqrs.Resilience;

namespace ServerlessCqrs.Storage;

/// <summary>The read-decide-write step every projection takes over a read-model store.</summary>
public static class ReadModelStoreExtensions
{
    private const int ConflictAttempts = 3;

    /// <summary>
    /// Reads the view, asks <paramref name="decide"/> for the next one (<see langword="null"/>: leave it as it is), and writes
    /// it, placed by <paramref name="sortKey"/>, only if no other writer changed the view meanwhile; when one did, it reads
    /// and decides again. Returns whether it wrote.
    /// </summary>
    /// <exception cref="TransientException">The view kept changing under the write (three attempts).</exception>
    public static async ValueTask<bool> ChangeAsync<TView>(
        this IReadModelStore<TView> store, string partition, string id, Func<TView?, TView?> decide, Func<TView, string> sortKey,
        CancellationToken cancellationToken)
        where TView : class
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(decide);
        ArgumentNullException.ThrowIfNull(sortKey);
        for (var attempt = 1; ; attempt++)
        {
            var current = await store.FindAsync(partition, id, cancellationToken).ConfigureAwait(false);
            if (decide(current?.View) is not { } next)
            {
                return false;
            }

            if (await store.TryWriteAsync(partition, id, next, sortKey(next), current?.Revision, cancellationToken).ConfigureAwait(false))
            {
                return true;
            }

            if (attempt == ConflictAttempts)
            {
                throw new TransientException($"The {typeof(TView).Name} '{id}' in partition '{partition}' kept changing under this write.");
            }
        }
    }
}
