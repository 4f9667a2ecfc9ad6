using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using ServerlessCqrs.Registry;
using ServerlessCqrs.Storage;

namespace ServerlessCqrs.Azure.Tables;

/// <summary>
/// Read-model views in Table Storage, in the table their <see cref="ReadModelDefinition"/> names: a
/// partition per view partition, and two rows per view written in one transaction — <c>view|{id}</c>,
/// found by id and guarded by its ETag, and <c>sort|{sortKey}|{id}</c>, so a range query lists a
/// partition in sort-key order. Keys are escaped, so any partition or id works.
/// </summary>
internal sealed class TableReadModelStore<TView>(CqrsTables tables, IEnumerable<ReadModelDefinition> definitions, MessageRegistry registry)
    : IReadModelStore<TView>
    where TView : class
{
    private const string ViewPrefix = "view|";
    private const string SortPrefix = "sort|";
    private const string SortEnd = "sort}";
    private const string Json = "View";
    private const string SortKey = "SortKey";

    private readonly string _table = definitions.LastOrDefault(d => d.ViewType == typeof(TView))?.Name
        ?? throw new InvalidOperationException($"{typeof(TView).Name} is not a registered read model; register it with AddReadModel<{typeof(TView).Name}>(name).");

    public async ValueTask<StoredView<TView>?> FindAsync(string partition, string id, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(_table, cancellationToken).ConfigureAwait(false);
        var row = await table.GetEntityIfExistsAsync<TableEntity>(Key(partition), ViewPrefix + Key(id), cancellationToken: cancellationToken).ConfigureAwait(false);
        return row.HasValue ? new StoredView<TView>(ToView(row.Value!), row.Value!.ETag.ToString()) : null;
    }

    public async ValueTask<bool> TryWriteAsync(string partition, string id, TView view, string sortKey, string? expectedRevision, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(_table, cancellationToken).ConfigureAwait(false);
        var (partitionKey, rowKey) = (Key(partition), ViewPrefix + Key(id));
        var json = JsonSerializer.Serialize(view, registry.SerializerOptions);
        List<TableTransactionAction> actions = [];
        if (expectedRevision is null)
        {
            actions.Add(new(TableTransactionActionType.Add, Row(partitionKey, rowKey, json, sortKey)));
        }
        else
        {
            // The sort key may have changed: the listing row under the old one goes in the same transaction.
            var current = await table.GetEntityIfExistsAsync<TableEntity>(partitionKey, rowKey, cancellationToken: cancellationToken).ConfigureAwait(false);
            if (!current.HasValue || current.Value!.ETag.ToString() != expectedRevision)
            {
                return false;
            }

            actions.Add(new(TableTransactionActionType.UpdateReplace, Row(partitionKey, rowKey, json, sortKey), new ETag(expectedRevision)));
            if (current.Value.GetString(SortKey) is { } oldSortKey && oldSortKey != sortKey)
            {
                actions.Add(new(TableTransactionActionType.Delete, new TableEntity(partitionKey, SortRowKey(oldSortKey, id)), ETag.All));
            }
        }

        actions.Add(new(TableTransactionActionType.UpsertReplace, Row(partitionKey, SortRowKey(sortKey, id), json, sortKey)));
        try
        {
            await table.SubmitTransactionAsync(actions, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (TableTransactionFailedException conflict) when (conflict.FailedTransactionActionIndex is 0 && conflict.Status is 409 or 412)
        {
            return false;
        }
    }

    public async ValueTask<ReadModelPage<TView>> ListAsync(string partition, int maxCount, ReadModelCursor? after, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxCount);
        var table = await tables.GetAsync(_table, cancellationToken).ConfigureAwait(false);
        var filter = after is null
            ? TableClient.CreateQueryFilter($"PartitionKey eq {Key(partition)} and RowKey ge {SortPrefix} and RowKey lt {SortEnd}")
            : TableClient.CreateQueryFilter($"PartitionKey eq {Key(partition)} and RowKey gt {SortRowKey(after.SortKey, after.Id)} and RowKey lt {SortEnd}");

        // One row more than asked says whether another page follows, so the last page never points at an empty one.
        var rows = new List<TableEntity>(maxCount + 1);
        await foreach (var row in table.QueryAsync<TableEntity>(filter, maxPerPage: maxCount + 1, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            rows.Add(row);
            if (rows.Count > maxCount)
            {
                break;
            }
        }

        var page = rows.Take(maxCount).ToList();
        var next = rows.Count > maxCount ? new ReadModelCursor(page[^1].GetString(SortKey), IdOf(page[^1])) : null;
        return new ReadModelPage<TView>([.. page.Select(ToView)], next);
    }

    public async ValueTask<bool> DeleteAsync(string partition, string id, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(_table, cancellationToken).ConfigureAwait(false);
        var (partitionKey, rowKey) = (Key(partition), ViewPrefix + Key(id));
        var current = await table.GetEntityIfExistsAsync<TableEntity>(partitionKey, rowKey, cancellationToken: cancellationToken).ConfigureAwait(false);
        if (!current.HasValue)
        {
            return false;
        }

        List<TableTransactionAction> actions = [new(TableTransactionActionType.Delete, current.Value!, current.Value!.ETag)];
        if (current.Value.GetString(SortKey) is { } sortKey)
        {
            actions.Add(new(TableTransactionActionType.Delete, new TableEntity(partitionKey, SortRowKey(sortKey, id)), ETag.All));
        }

        try
        {
            await table.SubmitTransactionAsync(actions, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (TableTransactionFailedException gone) when (gone.Status is 404 or 412)
        {
            // Deleted (or rewritten) by another writer in between.
            return false;
        }
    }

    /// <summary>Keys may not hold <c>/ \ # ?</c> or control characters; partitions and ids are free text.</summary>
    private static string Key(string value) => Uri.EscapeDataString(value);

    private static string SortRowKey(string sortKey, string id) => $"{SortPrefix}{Key(sortKey)}|{Key(id)}";

    /// <summary>The id of a listing row: what follows the last separator (escaped keys hold no <c>|</c>).</summary>
    private static string IdOf(TableEntity sortRow) => Uri.UnescapeDataString(sortRow.RowKey[(sortRow.RowKey.LastIndexOf('|') + 1)..]);

    private static TableEntity Row(string partitionKey, string rowKey, string json, string sortKey)
    {
        var row = new TableEntity(partitionKey, rowKey) { [SortKey] = sortKey };
        TableText.Write(row, Json, json, $"A {typeof(TView).Name} view");
        return row;
    }

    private TView ToView(TableEntity row) => JsonSerializer.Deserialize<TView>(TableText.Read(row, Json), registry.SerializerOptions)!;
}
