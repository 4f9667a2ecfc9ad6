using System.Globalization;
using Azure;
using Azure.Data.Tables;

namespace ServerlessCqrs.Azure.Tables;

/// <summary>
/// Table Storage has no time-to-live, so rows that expire are listed, in the same table, under the hour
/// after they expire (partition <c>~expires|yyyyMMddHH</c>). Removing what has expired then reads only
/// those lists, never the whole table. The list entry is written before the row, so no row escapes it.
/// </summary>
internal static class ExpiringRows
{
    /// <summary>The property that says when a row expires; readers treat a row past it as absent.</summary>
    public const string ExpiresAt = "ExpiresAt";

    private const string Prefix = "~expires|";

    public static bool IsExpired(TableEntity row, DateTimeOffset now) => row.GetDateTimeOffset(ExpiresAt) is { } at && at <= now;

    /// <summary>Lists a row that expires at <paramref name="expiresAt"/>; call it before writing the row.</summary>
    public static Task ListAsync(TableClient table, string partitionKey, string rowKey, DateTimeOffset expiresAt, CancellationToken cancellationToken) =>
        table.UpsertEntityAsync(
            new TableEntity(Prefix + Hour(expiresAt + TimeSpan.FromHours(1)), $"{partitionKey}|{rowKey}")
            {
                ["TargetPartition"] = partitionKey,
                ["TargetRow"] = rowKey,
            },
            TableUpdateMode.Replace, cancellationToken);

    /// <summary>
    /// Deletes up to <paramref name="maxCount"/> rows listed as expired by <paramref name="now"/> (a row
    /// renewed since it was listed is kept: it was listed again under its new time), with their list entries.
    /// </summary>
    public static async ValueTask<int> RemoveExpiredAsync(TableClient table, DateTimeOffset now, int maxCount, CancellationToken cancellationToken)
    {
        var filter = TableClient.CreateQueryFilter($"PartitionKey ge {Prefix} and PartitionKey le {Prefix + Hour(now)}");
        var removed = 0;
        await foreach (var entry in table.QueryAsync<TableEntity>(filter, maxPerPage: Math.Min(maxCount, 1000), cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            var target = await table.GetEntityIfExistsAsync<TableEntity>(
                entry.GetString("TargetPartition"), entry.GetString("TargetRow"), cancellationToken: cancellationToken).ConfigureAwait(false);
            if (target.HasValue && IsExpired(target.Value!, now))
            {
                await DeleteAsync(table, target.Value!.PartitionKey, target.Value.RowKey, target.Value.ETag, cancellationToken).ConfigureAwait(false);
                removed++;
            }

            await DeleteAsync(table, entry.PartitionKey, entry.RowKey, ETag.All, cancellationToken).ConfigureAwait(false);
            if (--maxCount == 0)
            {
                break;
            }
        }

        return removed;
    }

    /// <summary>Deletes a row unless it is gone or changed since it was read.</summary>
    public static async Task DeleteAsync(TableClient table, string partitionKey, string rowKey, ETag ifMatch, CancellationToken cancellationToken)
    {
        try
        {
            await table.DeleteEntityAsync(partitionKey, rowKey, ifMatch, cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException gone) when (gone.Status is 404 or 412)
        {
            // Already gone, or someone else's now.
        }
    }

    private static string Hour(DateTimeOffset at) => at.UtcDateTime.ToString("yyyyMMddHH", CultureInfo.InvariantCulture);
}
