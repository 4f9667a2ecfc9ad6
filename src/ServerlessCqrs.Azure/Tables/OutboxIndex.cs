using System.Globalization;
using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.Options;
using ServerlessCqrs.Events;

namespace ServerlessCqrs.Azure.Tables;

/// <summary>
/// The outbox table: an index of pending events, oldest first, and the parked ones. A pending entry
/// (partition <c>pending-NN</c>, one of 16 so writes spread; row <c>{occurred ticks}|{eventId}</c>) is
/// written before the state change that records the event, so every pending event has one. It notes the
/// state the change commits over, so a sweep can tell an entry whose event is gone (dispatched, or its change
/// lost to another writer) from one whose change is still on its way (see <see cref="TableOutboxStore"/>).
/// A sweep so reads what is pending, never the whole state table.
/// </summary>
internal sealed class OutboxIndex(CqrsTables tables, IOptions<TableStorageOptions> options)
{
    private const int Shards = 16;
    private const string ParkedPartition = "parked";
    private const string StreamPartition = "StreamPartition";
    private const string CommitsOverProperty = "CommitsOver";

    /// <summary>
    /// Indexes events about to be recorded. <paramref name="commitsOver"/> is the ETag of the state row the
    /// change that records them replaces (empty for a new stream), or <see langword="null"/> when no state
    /// change records them (events published on their own).
    /// </summary>
    public async Task AddPendingAsync(IReadOnlyList<EventEnvelope> envelopes, string? commitsOver, CancellationToken cancellationToken)
    {
        var table = await TableAsync(cancellationToken).ConfigureAwait(false);
        await Task.WhenAll(envelopes.Select(e => table.UpsertEntityAsync(
            new TableEntity(PendingPartitionOf(e.EventId), RowKeyOf(e)) { [StreamPartition] = OutboxRows.PartitionOf(e), [CommitsOverProperty] = commitsOver },
            TableUpdateMode.Replace, cancellationToken))).ConfigureAwait(false);
    }

    /// <summary>The state ETag an entry's change commits over (empty: a new stream), or <see langword="null"/> for an event published on its own.</summary>
    public static string? CommitsOver(TableEntity entry) => entry.GetString(CommitsOverProperty);

    /// <summary>When an entry's event occurred.</summary>
    public static DateTimeOffset OccurredAt(TableEntity entry) =>
        new(long.Parse(entry.RowKey.AsSpan(0, entry.RowKey.IndexOf('|', StringComparison.Ordinal)), CultureInfo.InvariantCulture), TimeSpan.Zero);

    /// <summary>Up to <paramref name="maxCount"/> entries of events that occurred before <paramref name="before"/>, oldest first.</summary>
    public async Task<IReadOnlyList<(TableEntity Entry, string StreamPartition, Guid EventId)>> OldestAsync(
        DateTimeOffset before, int maxCount, CancellationToken cancellationToken)
    {
        var table = await TableAsync(cancellationToken).ConfigureAwait(false);
        var end = Ticks(before);
        var shards = await Task.WhenAll(Enumerable.Range(0, Shards).Select(async shard =>
        {
            var filter = TableClient.CreateQueryFilter($"PartitionKey eq {Partition(shard)} and RowKey lt {end}");
            var entries = new List<TableEntity>();
            await foreach (var entry in table.QueryAsync<TableEntity>(filter, maxPerPage: maxCount, cancellationToken: cancellationToken).ConfigureAwait(false))
            {
                entries.Add(entry);
                if (entries.Count == maxCount)
                {
                    break;
                }
            }

            return entries;
        })).ConfigureAwait(false);
        return [.. shards.SelectMany(s => s).OrderBy(e => e.RowKey, StringComparer.Ordinal).Take(maxCount)
            .Select(e => (e, e.GetString(StreamPartition), Guid.ParseExact(e.RowKey[(e.RowKey.IndexOf('|', StringComparison.Ordinal) + 1)..], "N")))];
    }

    public async Task RemovePendingAsync(EventEnvelope envelope, CancellationToken cancellationToken) =>
        await ExpiringRows.DeleteAsync(await TableAsync(cancellationToken).ConfigureAwait(false),
            PendingPartitionOf(envelope.EventId), RowKeyOf(envelope), ETag.All, cancellationToken).ConfigureAwait(false);

    public async Task RemoveAsync(TableEntity entry, CancellationToken cancellationToken) =>
        await ExpiringRows.DeleteAsync(await TableAsync(cancellationToken).ConfigureAwait(false), entry.PartitionKey, entry.RowKey, ETag.All, cancellationToken)
            .ConfigureAwait(false);

    /// <summary>Keeps a parked event (with its reason) where it can be listed.</summary>
    public async Task ParkAsync(EventEnvelope envelope, string reason, DateTimeOffset parkedAt, CancellationToken cancellationToken)
    {
        var table = await TableAsync(cancellationToken).ConfigureAwait(false);
        var row = OutboxRows.ToEntity(envelope, ParkedPartition, $"{Ticks(parkedAt)}|{envelope.EventId:N}");
        row["Reason"] = reason.Length > DeadLetter.MaxDescriptionLength ? reason[..DeadLetter.MaxDescriptionLength] : reason;
        row["ParkedAt"] = parkedAt;
        await table.UpsertEntityAsync(row, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<DeadLetter>> ListParkedAsync(int maxCount, CancellationToken cancellationToken)
    {
        var table = await TableAsync(cancellationToken).ConfigureAwait(false);
        var parked = new List<DeadLetter>();
        await foreach (var row in table.QueryAsync<TableEntity>(e => e.PartitionKey == ParkedPartition, maxPerPage: maxCount, cancellationToken: cancellationToken)
            .ConfigureAwait(false))
        {
            parked.Add(new DeadLetter(OutboxRows.ToEnvelope(row), nameof(DeadLetterReason.Unsendable), row.GetString("Reason") ?? "", null, null,
                row.GetDateTimeOffset("ParkedAt") ?? default));
            if (parked.Count == maxCount)
            {
                break;
            }
        }

        return parked;
    }

    private static string PendingPartitionOf(Guid eventId) => Partition(eventId.ToByteArray()[0] % Shards);

    private static string Partition(int shard) => $"pending-{shard:D2}";

    private static string RowKeyOf(EventEnvelope envelope) => $"{Ticks(envelope.OccurredAt)}|{envelope.EventId:N}";

    private static string Ticks(DateTimeOffset at) => at.UtcTicks.ToString("D19", CultureInfo.InvariantCulture);

    private ValueTask<TableClient> TableAsync(CancellationToken cancellationToken) => tables.GetAsync(options.Value.OutboxTable, cancellationToken);
}
