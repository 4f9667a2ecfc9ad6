using Azure.Data.Tables;
using Microsoft.Extensions.Options;
using ServerlessCqrs.Events;

namespace ServerlessCqrs.Azure.Tables;

/// <summary>
/// The handler ledger in Table Storage: one row per successful (event, handler), partitioned by
/// event id, so every instance and every restart skips handlers that already succeeded.
/// </summary>
internal sealed class TableEventHandlerLedger(CqrsTables tables, IOptions<TableStorageOptions> options, TimeProvider timeProvider) : IEventHandlerLedger
{
    public async ValueTask<bool> HasSucceededAsync(Guid eventId, string handlerName, CancellationToken cancellationToken)
    {
        var table = await LedgerAsync(cancellationToken).ConfigureAwait(false);
        var row = await table.GetEntityIfExistsAsync<TableEntity>(
            PartitionOf(eventId), RowKeyOf(handlerName), select: ["RowKey"], cancellationToken: cancellationToken).ConfigureAwait(false);
        return row.HasValue;
    }

    public async ValueTask RecordSuccessAsync(Guid eventId, string handlerName, CancellationToken cancellationToken)
    {
        var table = await LedgerAsync(cancellationToken).ConfigureAwait(false);
        var row = new TableEntity(PartitionOf(eventId), RowKeyOf(handlerName)) { ["SucceededAt"] = timeProvider.GetUtcNow() };
        await table.UpsertEntityAsync(row, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
    }

    private static string PartitionOf(Guid eventId) => eventId.ToString("N");

    /// <summary>Handler names are type names; escaping keeps the characters keys forbid (<c>/ \ # ?</c>) out.</summary>
    private static string RowKeyOf(string handlerName) => Uri.EscapeDataString(handlerName);

    private ValueTask<TableClient> LedgerAsync(CancellationToken cancellationToken) => tables.GetAsync(options.Value.LedgerTable, cancellationToken);
}
