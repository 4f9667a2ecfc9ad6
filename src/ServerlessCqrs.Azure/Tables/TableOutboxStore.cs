using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.Options;
using ServerlessCqrs.Events;
using ServerlessCqrs.Outbox;

namespace ServerlessCqrs.Azure.Tables;

/// <summary>
/// The outbox kept in the state table beside each stream's state (see <see cref="TableStateStore"/>),
/// found through the <see cref="OutboxIndex"/>: a sweep reads the oldest pending entries and one row
/// per event, so its cost follows what is pending, not what is stored. Dispatched rows are deleted;
/// parked ones move to the outbox table's parked list.
/// </summary>
/// <remarks>
/// An entry is written before the transaction that records its event, so a sweep can meet an entry whose
/// row is not there yet. Dropping it then would strand the event if the instance died before relaying it:
/// an entry without a row is dropped only once its change can no longer commit — the stream's state has
/// moved past the state the change was decided from (it committed and was dispatched, or another writer won) —
/// or its event is older than any command can run.
/// </remarks>
internal sealed class TableOutboxStore(CqrsTables tables, IOptions<TableStorageOptions> options, OutboxIndex index) : IOutboxStore
{
    /// <summary>Longer than any command runs (the resilience total timeout is at most an hour): no commit is still on its way after it.</summary>
    private static readonly TimeSpan InFlightLimit = TimeSpan.FromHours(2);

    public async ValueTask AppendAsync(IReadOnlyList<EventEnvelope> envelopes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(envelopes);
        await index.AddPendingAsync(envelopes, commitsOver: null, cancellationToken).ConfigureAwait(false);
        var table = await StateTableAsync(cancellationToken).ConfigureAwait(false);
        foreach (var partition in envelopes.GroupBy(OutboxRows.PartitionOf))
        {
            foreach (var chunk in partition.Chunk(100))
            {
                await table.SubmitTransactionAsync(
                    chunk.Select(e => new TableTransactionAction(TableTransactionActionType.UpsertReplace, OutboxRows.ToEntity(e))),
                    cancellationToken).ConfigureAwait(false);
            }
        }
    }

    public async ValueTask<IReadOnlyList<EventEnvelope>> GetPendingAsync(DateTimeOffset recordedBefore, int maxCount, CancellationToken cancellationToken)
    {
        var table = await StateTableAsync(cancellationToken).ConfigureAwait(false);
        var entries = await index.OldestAsync(recordedBefore, maxCount, cancellationToken).ConfigureAwait(false);
        var rows = await Task.WhenAll(entries.Select(async e => (e.Entry, e.StreamPartition, Row: await table.GetEntityIfExistsAsync<TableEntity>(
            e.StreamPartition, OutboxRows.RowKeyOf(e.EventId), cancellationToken: cancellationToken).ConfigureAwait(false)))).ConfigureAwait(false);
        foreach (var (entry, stream, _) in rows.Where(r => !r.Row.HasValue))
        {
            if (await CanNoLongerCommitAsync(table, entry, stream, recordedBefore, cancellationToken).ConfigureAwait(false))
            {
                await index.RemoveAsync(entry, cancellationToken).ConfigureAwait(false);
            }
        }

        return [.. rows.Where(r => r.Row.HasValue).Select(r => OutboxRows.ToEnvelope(r.Row.Value!))];
    }

    public async ValueTask MarkDispatchedAsync(IReadOnlyList<EventEnvelope> envelopes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(envelopes);
        var table = await StateTableAsync(cancellationToken).ConfigureAwait(false);
        // One delete each, not a transaction: the relay and the sweeper may both mark an event, and a
        // transaction fails as a whole when one of its rows is already gone. The row goes first: an
        // index entry left behind is dropped by the next sweep.
        await Parallel.ForEachAsync(envelopes, cancellationToken, async (envelope, ct) =>
        {
            await ExpiringRows.DeleteAsync(table, OutboxRows.PartitionOf(envelope), OutboxRows.RowKeyOf(envelope.EventId), ETag.All, ct).ConfigureAwait(false);
            await index.RemovePendingAsync(envelope, ct).ConfigureAwait(false);
        }).ConfigureAwait(false);
    }

    public async ValueTask ParkAsync(EventEnvelope envelope, string reason, DateTimeOffset parkedAt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(envelope);
        await index.ParkAsync(envelope, reason, parkedAt, cancellationToken).ConfigureAwait(false);
        await MarkDispatchedAsync([envelope], cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask<IReadOnlyList<DeadLetter>> ListParkedAsync(int maxCount, CancellationToken cancellationToken) =>
        await index.ListParkedAsync(maxCount, cancellationToken).ConfigureAwait(false);

    /// <summary>Whether the change that was to record an entry's missing row has committed (and been dispatched) or never will.</summary>
    private static async Task<bool> CanNoLongerCommitAsync(
        TableClient table, TableEntity entry, string stream, DateTimeOffset recordedBefore, CancellationToken cancellationToken)
    {
        if (OutboxIndex.OccurredAt(entry) < recordedBefore - InFlightLimit)
        {
            return true;
        }

        if (OutboxIndex.CommitsOver(entry) is not { } commitsOver)
        {
            return false; // Published on its own: dispatched, or its rows are still being written.
        }

        var state = await table.GetEntityIfExistsAsync<TableEntity>(stream, TableStateStore.StateRowKey, ["PartitionKey"], cancellationToken).ConfigureAwait(false);
        return commitsOver.Length == 0 ? state.HasValue : !state.HasValue || state.Value!.ETag.ToString() != commitsOver;
    }

    private ValueTask<TableClient> StateTableAsync(CancellationToken cancellationToken) => tables.GetAsync(options.Value.StateTable, cancellationToken);
}
