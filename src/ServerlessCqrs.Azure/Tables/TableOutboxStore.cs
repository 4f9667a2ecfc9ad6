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
internal sealed class TableOutboxStore(CqrsTables tables, IOptions<TableStorageOptions> options, OutboxIndex index) : IOutboxStore
{
    public async ValueTask AppendAsync(IReadOnlyList<EventEnvelope> envelopes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(envelopes);
        await index.AddPendingAsync(envelopes, cancellationToken).ConfigureAwait(false);
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
        var rows = await Task.WhenAll(entries.Select(async e => (e.Entry, Row: await table.GetEntityIfExistsAsync<TableEntity>(
            e.StreamPartition, OutboxRows.RowKeyOf(e.EventId), cancellationToken: cancellationToken).ConfigureAwait(false)))).ConfigureAwait(false);
        foreach (var (entry, _) in rows.Where(r => !r.Row.HasValue))
        {
            // Dispatched, or its state change never committed: nothing left to send.
            await index.RemoveAsync(entry, cancellationToken).ConfigureAwait(false);
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

    private ValueTask<TableClient> StateTableAsync(CancellationToken cancellationToken) => tables.GetAsync(options.Value.StateTable, cancellationToken);
}
