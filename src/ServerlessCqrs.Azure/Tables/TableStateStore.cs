using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.Options;
using ServerlessCqrs.Events;

namespace ServerlessCqrs.Azure.Tables;

/// <summary>
/// State of streams (aggregates) in Table Storage, one partition per stream: a <c>state</c> row and
/// the stream's pending outbox rows, written together in one entity-group transaction with
/// optimistic concurrency on the state row's ETag; the events' pending entries are written to the
/// outbox index just before. <see cref="TableAggregateStore{TState}"/> keeps aggregates in the state row.
/// </summary>
internal sealed class TableStateStore
{
    private readonly CqrsTables _tables;
    private readonly IOptions<TableStorageOptions> _options;
    private readonly OutboxIndex _index;

    internal TableStateStore(CqrsTables tables, IOptions<TableStorageOptions> options, OutboxIndex index)
    {
        _tables = tables;
        _options = options;
        _index = index;
    }

    /// <summary>The state row's key in its stream's partition.</summary>
    public const string StateRowKey = "state";

    /// <summary>The stream's state row with its ETag, or <see langword="null"/> when the stream does not exist.</summary>
    public async ValueTask<TableEntity?> FindAsync(string streamId, CancellationToken cancellationToken)
    {
        var table = await _tables.GetAsync(_options.Value.StateTable, cancellationToken).ConfigureAwait(false);
        var row = await table.GetEntityIfExistsAsync<TableEntity>(TableKeys.Checked(streamId, "The stream"), StateRowKey, cancellationToken: cancellationToken)
            .ConfigureAwait(false);
        return row.HasValue ? row.Value : null;
    }

    /// <summary>
    /// Writes the stream's new state and records its events in one transaction: inserts the state
    /// when <paramref name="expected"/> is <see langword="null"/> (a new stream), else replaces it
    /// only if it still has that ETag. Returns <see langword="false"/> when another writer got there
    /// first (the stream exists, or its ETag moved on); nothing is written then.
    /// </summary>
    /// <param name="streamId">The stream, which is the partition; events must belong to it.</param>
    /// <param name="state">The new state's properties; its keys are set here.</param>
    /// <param name="expected">The ETag the change was decided from, or <see langword="null"/> for a new stream.</param>
    /// <param name="events">The events the change raised.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    public async ValueTask<bool> CommitAsync(
        string streamId, TableEntity state, ETag? expected, IReadOnlyList<EventEnvelope> events, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(events);
        if (events.Count > 99)
        {
            throw new ArgumentException("A transaction holds 100 rows: the state and at most 99 events.", nameof(events));
        }

        state.PartitionKey = TableKeys.Checked(streamId, "The stream");
        state.RowKey = StateRowKey;
        List<TableTransactionAction> actions =
        [
            expected is { } etag
                ? new TableTransactionAction(TableTransactionActionType.UpdateReplace, state, etag)
                : new TableTransactionAction(TableTransactionActionType.Add, state),
        ];
        foreach (var envelope in events)
        {
            if (envelope.StreamId != streamId)
            {
                throw new ArgumentException($"Event {envelope.EventId} belongs to stream '{envelope.StreamId}', not '{streamId}'.", nameof(events));
            }

            actions.Add(new TableTransactionAction(TableTransactionActionType.Add, OutboxRows.ToEntity(envelope)));
        }

        await _index.AddPendingAsync(events, expected?.ToString() ?? "", cancellationToken).ConfigureAwait(false);
        var table = await _tables.GetAsync(_options.Value.StateTable, cancellationToken).ConfigureAwait(false);
        try
        {
            await table.SubmitTransactionAsync(actions, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (TableTransactionFailedException failure) when (failure.FailedTransactionActionIndex is 0 && failure.Status is 409 or 412)
        {
            return false;
        }
    }
}
