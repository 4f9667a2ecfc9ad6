using ServerlessCqrs.Storage;

namespace ServerlessCqrs.Orders.Storage;

/// <summary>The order-summary read model, partitioned by customer.</summary>
public interface IOrderSummaryStore
{
    /// <summary>
    /// Applies version <paramref name="version"/> of an order to its row: only when the row is at
    /// <paramref name="version"/> - 1 (no row counts as version 0). <paramref name="apply"/> receives
    /// the current row (<see langword="null"/> for version 1) and returns the new one.
    /// </summary>
    ValueTask<ProjectionOutcome> ApplyAsync(
        string customerId, string orderId, long version, Func<OrderSummary?, OrderSummary> apply, CancellationToken cancellationToken);

    /// <summary>
    /// Writes <paramref name="summary"/> when the stored row is older (or missing), whatever versions
    /// lie between; returns whether it wrote. For catching up from the write side when an event
    /// arrives before an earlier one of the same order.
    /// </summary>
    ValueTask<bool> CatchUpAsync(OrderSummary summary, CancellationToken cancellationToken);

    /// <summary>A page of a customer's orders, newest first, starting after <paramref name="after"/> (<see langword="null"/>: the newest).</summary>
    ValueTask<ReadModelPage<OrderSummary>> ListByCustomerAsync(string customerId, int limit, ReadModelCursor? after, CancellationToken cancellationToken);
}
