using ServerlessCqrs.Orders.Domain;
using ServerlessCqrs.Security;

namespace ServerlessCqrs.Orders.Storage;

/// <summary>The load-decide-save step every command on an existing order takes.</summary>
public static class OrderStoreExtensions
{
    /// <summary>
    /// Loads the order (not found if missing, or in another tenant), checks the caller may act on it
    /// (<see cref="OrderAccess"/>), asks <paramref name="decide"/> for the change, and saves
    /// it; a decision with no change (say, confirming twice) succeeds without saving.
    /// </summary>
    public static async ValueTask<Result> ChangeAsync(
        this IOrderStore orders, string orderId, Func<Order, Result<OrderChange?>> decide, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(orders);
        ArgumentNullException.ThrowIfNull(decide);
        var order = await orders.FindAsync(orderId, cancellationToken).ConfigureAwait(false);
        if (order is null)
        {
            return OrderErrors.NotFound(orderId);
        }

        if (!OrderAccess.MayActFor(MessageCaller.Current, order.CustomerId))
        {
            return OrderErrors.NotYours(order.CustomerId);
        }

        var decision = decide(order);
        if (!decision.TryGetValue(out var change))
        {
            return decision.Error!;
        }

        return change is null ? Result.Success : await orders.SaveAsync(change, cancellationToken).ConfigureAwait(false);
    }
}
