using System.Globalization;
using Azure.Data.Tables;
using ServerlessCqrs.Azure.Tables;
using ServerlessCqrs.Orders.Domain;

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
        var table = await tables.GetAsync(TableName, cancellationToken).ConfigureAwait(false);
        var partition = Key(customerId);
        for (var attempt = 1; ; attempt++)
        {
            var row = await table.GetEntityIfExistsAsync<TableEntity>(partition, OrderPrefix + Key(orderId), cancellationToken: cancellationToken)
                .ConfigureAwait(false);
            var current = row.HasValue ? ToSummary(row.Value!) : null;
            var currentVersion = current?.Version ?? 0;
            if (currentVersion >= version)
            {
                return ProjectionOutcome.AlreadyApplied;
            }

            if (currentVersion != version - 1)
            {
                return ProjectionOutcome.OutOfOrder;
            }

            var next = apply(current);
            TableTransactionAction[] actions =
            [
                row.HasValue
                    ? new(TableTransactionActionType.UpdateReplace, ToRow(partition, OrderPrefix + Key(orderId), next), row.Value!.ETag)
                    : new(TableTransactionActionType.Add, ToRow(partition, OrderPrefix + Key(orderId), next)),
                new(TableTransactionActionType.UpsertReplace, ToRow(partition, RecentKey(next), next)),
            ];
            try
            {
                await table.SubmitTransactionAsync(actions, cancellationToken).ConfigureAwait(false);
                return ProjectionOutcome.Applied;
            }
            catch (TableTransactionFailedException conflict) when (conflict.Status is 409 or 412 && attempt < ConflictAttempts)
            {
                // Another event of this order was applied meanwhile: read again and decide again.
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
