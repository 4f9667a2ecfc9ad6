using ServerlessCqrs.Orders.Domain;

namespace ServerlessCqrs.Orders.Storage;

/// <summary>The orders (write side).</summary>
public interface IOrderStore
{
    /// <summary>Loads an order, or <see langword="null"/>.</summary>
    ValueTask<Order?> FindAsync(string orderId, CancellationToken cancellationToken);

    /// <summary>
    /// Saves the changed order and records its event in the outbox in one atomic write, then relays
    /// the event. Fails with <see cref="ErrorKind.Concurrency"/> when the stored version is not the
    /// one the change was made from.
    /// </summary>
    ValueTask<Result> SaveAsync(OrderChange change, CancellationToken cancellationToken);
}
