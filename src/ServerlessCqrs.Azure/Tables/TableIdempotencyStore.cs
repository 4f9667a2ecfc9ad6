using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.Options;
using ServerlessCqrs.Housekeeping;
using ServerlessCqrs.Idempotency;

namespace ServerlessCqrs.Azure.Tables;

/// <summary>
/// Idempotency keys in Table Storage, a row per key (partition = the key), shared by every instance. A
/// claim is an insert, so of two requests with one key exactly one acquires it; a claim past its lease
/// (its request died) is taken over with a conditional replace. A claim expires with its lease, an
/// outcome after its retention; housekeeping removes both from the expiry list, never by scanning.
/// </summary>
internal sealed class TableIdempotencyStore(CqrsTables tables, IOptions<TableStorageOptions> options, TimeProvider timeProvider)
    : IIdempotencyStore, IHousekeepingTask
{
    private const string RowKey = "";
    private const string Fingerprint = "Fingerprint";
    private const string OutcomeParts = "OutcomeParts";

    /// <summary>A binary property holds 64 KiB; an outcome is split over as many as it needs.</summary>
    private const int PartSize = 64 * 1024;

    public string Name => "idempotency records";

    public async ValueTask<IdempotencyClaim> TryClaimAsync(string key, string fingerprint, TimeSpan lease, CancellationToken cancellationToken)
    {
        var table = await TableAsync(cancellationToken).ConfigureAwait(false);
        var now = timeProvider.GetUtcNow();
        var claim = new TableEntity(key, RowKey) { [Fingerprint] = fingerprint, [ExpiringRows.ExpiresAt] = now + lease };
        await ExpiringRows.ListAsync(table, key, RowKey, now + lease, cancellationToken).ConfigureAwait(false);
        try
        {
            var added = await table.AddEntityAsync(claim, cancellationToken).ConfigureAwait(false);
            return new IdempotencyClaim(IdempotencyClaimStatus.Acquired, key, added.Headers.ETag?.ToString());
        }
        catch (RequestFailedException taken) when (taken.Status == 409)
        {
            return await ExistingAsync(table, claim, now, cancellationToken).ConfigureAwait(false);
        }
    }

    public async ValueTask CompleteAsync(IdempotencyClaim claim, ReadOnlyMemory<byte> outcome, TimeSpan retention, CancellationToken cancellationToken)
    {
        var table = await TableAsync(cancellationToken).ConfigureAwait(false);
        var current = await table.GetEntityIfExistsAsync<TableEntity>(claim.Key, RowKey, cancellationToken: cancellationToken).ConfigureAwait(false);
        if (!current.HasValue)
        {
            return;
        }

        var expiresAt = timeProvider.GetUtcNow() + retention;
        var row = new TableEntity(claim.Key, RowKey) { [Fingerprint] = current.Value!.GetString(Fingerprint), [ExpiringRows.ExpiresAt] = expiresAt };
        var parts = 0;
        for (var at = 0; at < outcome.Length || parts == 0; at += PartSize)
        {
            row[$"Outcome{parts++}"] = outcome.Slice(at, Math.Min(PartSize, outcome.Length - at)).ToArray();
        }

        row[OutcomeParts] = parts;
        await ExpiringRows.ListAsync(table, claim.Key, RowKey, expiresAt, cancellationToken).ConfigureAwait(false);
        try
        {
            await table.UpdateEntityAsync(row, current.Value.ETag, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException moved) when (moved.Status == 412)
        {
            // This request outlived its lease and another took the key over: that one's outcome will be kept.
        }
    }

    public async ValueTask ReleaseAsync(IdempotencyClaim claim, CancellationToken cancellationToken) =>
        await ExpiringRows.DeleteAsync(await TableAsync(cancellationToken).ConfigureAwait(false), claim.Key, RowKey, new ETag(claim.Token!), cancellationToken)
            .ConfigureAwait(false);

    public async ValueTask<int> RunAsync(CancellationToken cancellationToken) =>
        await ExpiringRows.RemoveExpiredAsync(await TableAsync(cancellationToken).ConfigureAwait(false), timeProvider.GetUtcNow(), 1000, cancellationToken)
            .ConfigureAwait(false);

    private static async ValueTask<IdempotencyClaim> ExistingAsync(TableClient table, TableEntity claim, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var key = claim.PartitionKey;
        var existing = await table.GetEntityIfExistsAsync<TableEntity>(key, RowKey, cancellationToken: cancellationToken).ConfigureAwait(false);
        if (!existing.HasValue)
        {
            return new IdempotencyClaim(IdempotencyClaimStatus.InProgress, key); // released a moment ago: the client retries
        }

        var row = existing.Value!;
        if (ExpiringRows.IsExpired(row, now))
        {
            try
            {
                var replaced = await table.UpdateEntityAsync(claim, row.ETag, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
                return new IdempotencyClaim(IdempotencyClaimStatus.Acquired, key, replaced.Headers.ETag?.ToString());
            }
            catch (RequestFailedException moved) when (moved.Status == 412)
            {
                return new IdempotencyClaim(IdempotencyClaimStatus.InProgress, key);
            }
        }

        return row.GetString(Fingerprint) != claim.GetString(Fingerprint) ? new IdempotencyClaim(IdempotencyClaimStatus.Mismatch, key)
            : row.GetInt32(OutcomeParts) is { } parts ? new IdempotencyClaim(IdempotencyClaimStatus.Completed, key, Outcome: Outcome(row, parts))
            : new IdempotencyClaim(IdempotencyClaimStatus.InProgress, key);
    }

    private static byte[] Outcome(TableEntity row, int parts) => [.. Enumerable.Range(0, parts).SelectMany(i => row.GetBinary($"Outcome{i}"))];

    private ValueTask<TableClient> TableAsync(CancellationToken cancellationToken) => tables.GetAsync(options.Value.IdempotencyTable, cancellationToken);
}
