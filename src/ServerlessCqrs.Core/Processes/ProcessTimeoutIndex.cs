using System.Globalization;
using ServerlessCqrs.Storage;

namespace ServerlessCqrs.Processes;

/// <summary>
/// Every scheduled timeout of every process and tenant, ordered by due time, in the read-model store: what
/// operators list, and what the overdue audit reads the head of. The process records stay the truth — a
/// timeout counts only while its record holds its token — so the index may briefly lag them.
/// </summary>
internal sealed class ProcessTimeoutIndex(IReadModelStore<ProcessTimeoutEntry> store)
{
    /// <summary>The read model's name (its table, in Table Storage).</summary>
    public const string Name = "ProcessTimeouts";

    // One partition across tenants: operators see every timeout; callers never read this.
    private const string Partition = "timeouts";

    public async ValueTask<ProcessTimeoutEntry?> FindAsync(Guid timeoutId, CancellationToken cancellationToken) =>
        (await store.FindAsync(Partition, IdOf(timeoutId), cancellationToken).ConfigureAwait(false))?.View;

    public async ValueTask<ReadModelPage<ProcessTimeoutEntry>> ListAsync(int maxCount, ReadModelCursor? after, CancellationToken cancellationToken) =>
        await store.ListAsync(Partition, maxCount, after, cancellationToken).ConfigureAwait(false);

    public ValueTask<bool> WriteAsync(ProcessTimeoutEntry entry, CancellationToken cancellationToken) =>
        store.ChangeAsync(Partition, IdOf(entry.TimeoutId), _ => entry, e => e.DueAt.UtcTicks.ToString("D19", CultureInfo.InvariantCulture), cancellationToken);

    public ValueTask<bool> RemoveAsync(Guid timeoutId, CancellationToken cancellationToken) =>
        store.DeleteAsync(Partition, IdOf(timeoutId), cancellationToken);

    private static string IdOf(Guid timeoutId) => timeoutId.ToString("N");
}
