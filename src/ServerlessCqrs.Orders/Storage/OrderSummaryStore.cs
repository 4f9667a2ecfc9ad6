using System.Globalization;
using ServerlessCqrs.Storage;

namespace ServerlessCqrs.Orders.Storage;

/// <summary>
/// The order-summary read model in the kernel's read-model store: a partition per customer, a view per
/// order, listed newest first (the sort key inverts the creation time). Each write is conditional on the
/// view it was decided from; when another event of the order got there first, it reads and decides again.
/// </summary>
internal sealed class OrderSummaryStore(ReadModel<OrderSummary> views) : IOrderSummaryStore
{
    /// <summary>The read model's name (its table, in Table Storage).</summary>
    public const string Name = "OrderSummaries";

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

    public ValueTask<ReadModelPage<OrderSummary>> ListByCustomerAsync(string customerId, int limit, ReadModelCursor? after, CancellationToken cancellationToken) =>
        views.ListAsync(customerId, limit, after, cancellationToken);

    private ValueTask<bool> WriteAsync(string customerId, string orderId, Func<OrderSummary?, OrderSummary?> decide, CancellationToken cancellationToken) =>
        views.ChangeAsync(customerId, orderId, decide, NewestFirst, cancellationToken);

    private static string NewestFirst(OrderSummary summary) =>
        (DateTimeOffset.MaxValue.UtcTicks - summary.CreatedAt.UtcTicks).ToString("D19", CultureInfo.InvariantCulture);
}
