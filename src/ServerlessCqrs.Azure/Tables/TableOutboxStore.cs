using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.Options;
using ServerlessCqrs.Events;
using ServerlessCqrs.Outbox;

namespace ServerlessCqrs.Azure.Tables;

/// <summary>
/// The outbox kept in the state table (see <see cref="TableStateStore"/>). Dispatched rows are
/// deleted, so what remains is pending. Finding pending rows across partitions is a filtered scan of
/// the state table (Table Storage has no secondary index); the sweeper runs it on an interval.
/// </summary>
internal sealed class TableOutboxStore(CqrsTables tables, IOptions<TableStorageOptions> options, TimeProvider timeProvider) : IOutboxStore
{
    public async ValueTask AppendAsync(IReadOnlyList<EventEnvelope> envelopes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(envelopes);
        var table = await StateTableAsync(cancellationToken).ConfigureAwait(false);
        var recordedAt = timeProvider.GetUtcNow();
        foreach (var partition in envelopes.GroupBy(OutboxRows.PartitionOf))
        {
            foreach (var chunk in partition.Chunk(100))
            {
                await table.SubmitTransactionAsync(
                    chunk.Select(e => new TableTransactionAction(TableTransactionActionType.UpsertReplace, OutboxRows.ToEntity(e, recordedAt))),
                    cancellationToken).ConfigureAwait(false);
            }
        }
    }

    public async ValueTask<IReadOnlyList<EventEnvelope>> GetPendingAsync(DateTimeOffset recordedBefore, int maxCount, CancellationToken cancellationToken)
    {
        var table = await StateTableAsync(cancellationToken).ConfigureAwait(false);
        var pending = new List<(EventEnvelope Envelope, DateTimeOffset RecordedAt)>(maxCount);
        var rows = table.QueryAsync<TableEntity>(OutboxRows.PendingFilter(recordedBefore), maxPerPage: Math.Min(maxCount, 1000), cancellationToken: cancellationToken);
        await foreach (var row in rows.ConfigureAwait(false))
        {
            pending.Add((OutboxRows.ToEnvelope(row), row.GetDateTimeOffset("RecordedAt") ?? default));
            if (pending.Count == maxCount)
            {
                break;
            }
        }

        return [.. pending.OrderBy(p => p.RecordedAt).Select(p => p.Envelope)];
    }

    public async ValueTask MarkDispatchedAsync(IReadOnlyList<EventEnvelope> envelopes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(envelopes);
        var table = await StateTableAsync(cancellationToken).ConfigureAwait(false);
        // One delete each, not a transaction: the relay and the sweeper may both mark an event, and a
        // transaction fails as a whole when one of its rows is already gone.
        await Parallel.ForEachAsync(envelopes, cancellationToken, async (envelope, ct) =>
        {
            try
            {
                await table.DeleteEntityAsync(OutboxRows.PartitionOf(envelope), OutboxRows.RowKeyOf(envelope.EventId), ETag.All, ct).ConfigureAwait(false);
            }
            catch (RequestFailedException gone) when (gone.Status == 404)
            {
                // Already marked.
            }
        }).ConfigureAwait(false);
    }

    private ValueTask<TableClient> StateTableAsync(CancellationToken cancellationToken) => tables.GetAsync(options.Value.StateTable, cancellationToken);
}
