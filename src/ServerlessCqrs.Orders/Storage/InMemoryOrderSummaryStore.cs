namespace ServerlessCqrs.Orders.Storage;

/// <summary>The embedded order-summary read model.</summary>
internal sealed class InMemoryOrderSummaryStore : IOrderSummaryStore
{
    private readonly Dictionary<string, Dictionary<string, OrderSummary>> _byCustomer = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    public ValueTask<ProjectionOutcome> ApplyAsync(
        string customerId, string orderId, long version, Func<OrderSummary?, OrderSummary> apply, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(apply);
        lock (_gate)
        {
            var orders = OrdersOf(customerId);
            var current = orders.GetValueOrDefault(orderId);
            var currentVersion = current?.Version ?? 0;
            if (currentVersion >= version)
            {
                return ValueTask.FromResult(ProjectionOutcome.AlreadyApplied);
            }

            if (currentVersion != version - 1)
            {
                return ValueTask.FromResult(ProjectionOutcome.OutOfOrder);
            }

            orders[orderId] = apply(current);
            return ValueTask.FromResult(ProjectionOutcome.Applied);
        }
    }

    public ValueTask<bool> CatchUpAsync(OrderSummary summary, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(summary);
        lock (_gate)
        {
            var orders = OrdersOf(summary.CustomerId);
            if ((orders.GetValueOrDefault(summary.OrderId)?.Version ?? 0) >= summary.Version)
            {
                return ValueTask.FromResult(false);
            }

            orders[summary.OrderId] = summary;
            return ValueTask.FromResult(true);
        }
    }

    public ValueTask<IReadOnlyList<OrderSummary>> ListByCustomerAsync(string customerId, int limit, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            IReadOnlyList<OrderSummary> page = _byCustomer.TryGetValue(customerId, out var orders)
                ? [.. orders.Values.OrderByDescending(o => o.CreatedAt).ThenBy(o => o.OrderId, StringComparer.Ordinal).Take(limit)]
                : [];
            return ValueTask.FromResult(page);
        }
    }

    /// <summary>The customer's rows, created when missing; call under the lock.</summary>
    private Dictionary<string, OrderSummary> OrdersOf(string customerId)
    {
        if (!_byCustomer.TryGetValue(customerId, out var orders))
        {
            _byCustomer[customerId] = orders = new(StringComparer.Ordinal);
        }

        return orders;
    }
}
