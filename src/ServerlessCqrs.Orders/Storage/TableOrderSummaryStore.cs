using System.Globalization;
using Azure.Data.Tables;
using ServerlessCqrs.Azure.Tables;
using ServerlessCqrs.Orders.Domain;
using ServerlessCqrs.Resilience;

namespace ServerlessCqrs.Orders.Storage;

/// <summary>
/// The order-summary read model in Table Storage, one partition per customer with two rows per
/// order, written together: <c>order|{id}</c> to find an order's row, and
/// <c>recent|{inverted ticks}|{id}</c> so a range query lists newest first. The first row's ETag
/// guards against two events of one order applied at once.
/// </summary>
internal sealed class TableOrderSummaryStore(CqrsTables tables) : IOrderSummaryStore
{
    /// <summary>The read model's table.</summary>
    public const string TableName = "OrderSummaries";

    private const string OrderPrefix = "order|";
    private const string RecentPrefix = "recent|";
    private const string RecentEnd = "recent}";
    private const int ConflictAttempts = 3;

    public async ValueTask<ProjectionOutcome> ApplyAsync(
        string customerId, string orderId, long version, Func<OrderSummary?, OrderSummary> apply, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(apply);
        ProjectionOutcome outcome = default;
        await WriteAsync(customerId, orderId, current =>
        {
            var currentVersion = current?.Version ?? 0;
            outcome = currentVersion >= version ? ProjectionOutcome.AlreadyApplied
                : currentVersion != version - 1 ? ProjectionOutcome.OutOfOrder
                : ProjectionOutcome.Applied;
            return outcome == ProjectionOutcome.Applied ? apply(current) : null;
        }, cancellationToken).ConfigureAwait(false);
        return outcome;
    }

    public ValueTask<bool> CatchUpAsync(OrderSummary summary, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(summary);
        return WriteAsync(summary.CustomerId, summary.OrderId, current => (current?.Version ?? 0) < summary.Version ? summary : null, cancellationToken);
    }

    /// <summary>
    /// Reads the order's row, asks <paramref name="decide"/> for the next one (<see langword="null"/>:
    /// leave it), and writes both rows in one transaction guarded by the read row's ETag; when another
    /// event of the order got there first, reads and decides again.
    /// </summary>
    private async ValueTask<bool> WriteAsync(string customerId, string orderId, Func<OrderSummary?, OrderSummary?> decide, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(TableName, cancellationToken).ConfigureAwait(false);
        var (partition, rowKey) = (Key(customerId), OrderPrefix + Key(orderId));
        for (var attempt = 1; ; attempt++)
        {
            var row = await table.GetEntityIfExistsAsync<TableEntity>(partition, rowKey, cancellationToken: cancellationToken).ConfigureAwait(false);
            if (decide(row.HasValue ? ToSummary(row.Value!) : null) is not { } next)
            {
                return false;
            }

            TableTransactionAction[] actions =
            [
                row.HasValue
                    ? new(TableTransactionActionType.UpdateReplace, ToRow(partition, rowKey, next), row.Value!.ETag)
                    : new(TableTransactionActionType.Add, ToRow(partition, rowKey, next)),
                new(TableTransactionActionType.UpsertReplace, ToRow(partition, RecentKey(next), next)),
            ];
            try
            {
                await table.SubmitTransactionAsync(actions, cancellationToken).ConfigureAwait(false);
                return true;
            }
            catch (TableTransactionFailedException conflict) when (conflict.Status is 409 or 412)
            {
                // Another event of this order was applied meanwhile: read again and decide again.
                if (attempt == ConflictAttempts)
                {
                    throw new TransientException($"The summary of order '{orderId}' kept changing under this write.", conflict);
                }
            }
        }
    }

    public async ValueTask<IReadOnlyList<OrderSummary>> ListByCustomerAsync(string customerId, int limit, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(TableName, cancellationToken).ConfigureAwait(false);
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {Key(customerId)} and RowKey ge {RecentPrefix} and RowKey lt {RecentEnd}");
        var page = new List<OrderSummary>(limit);
        await foreach (var row in table.QueryAsync<TableEntity>(filter, maxPerPage: limit, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            page.Add(ToSummary(row));
            if (page.Count == limit)
            {
                break;
            }
        }

        return page;
    }

    /// <summary>Keys may not hold <c>/ \ # ?</c> or control characters; customer ids are free text.</summary>
    private static string Key(string value) => Uri.EscapeDataString(value);

    private static string RecentKey(OrderSummary summary) =>
        $"{RecentPrefix}{DateTimeOffset.MaxValue.UtcTicks - summary.CreatedAt.UtcTicks:D19}|{Key(summary.OrderId)}";

    private static TableEntity ToRow(string partition, string rowKey, OrderSummary summary) => new(partition, rowKey)
    {
        [nameof(OrderSummary.OrderId)] = summary.OrderId,
        [nameof(OrderSummary.CustomerId)] = summary.CustomerId,
        [nameof(OrderSummary.Status)] = summary.Status.ToString(),
        // Tables have no decimal: the invariant text keeps every digit.
        [nameof(OrderSummary.Total)] = summary.Total.ToString(CultureInfo.InvariantCulture),
        [nameof(OrderSummary.Version)] = summary.Version,
        [nameof(OrderSummary.CreatedAt)] = summary.CreatedAt,
    };

    private static OrderSummary ToSummary(TableEntity row) => new(
        row.GetString(nameof(OrderSummary.OrderId)),
        row.GetString(nameof(OrderSummary.CustomerId)),
        Enum.Parse<OrderStatus>(row.GetString(nameof(OrderSummary.Status))),
        decimal.Parse(row.GetString(nameof(OrderSummary.Total)), CultureInfo.InvariantCulture),
        row.GetInt64(nameof(OrderSummary.Version)) ?? 0,
        row.GetDateTimeOffset(nameof(OrderSummary.CreatedAt)) ?? default);
}
