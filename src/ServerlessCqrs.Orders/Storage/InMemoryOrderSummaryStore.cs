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
            if (!_byCustomer.TryGetValue(customerId, out var orders))
            {
                _byCustomer[customerId] = orders = new(StringComparer.Ordinal);
            }

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
            if (!_byCustomer.TryGetValue(summary.CustomerId, out var orders))
            {
                _byCustomer[summary.CustomerId] = orders = new(StringComparer.Ordinal);
            }

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
}
