using System.Text.Json;
using Azure.Data.Tables;
using ServerlessCqrs.Azure.Tables;
using ServerlessCqrs.Events;
using ServerlessCqrs.Orders.Domain;
using ServerlessCqrs.Outbox;

namespace ServerlessCqrs.Orders.Storage;

/// <summary>
/// Orders in Table Storage: each order is a stream of the kernel's state table (partition = order
/// id), so saving the order and recording its event is one entity-group transaction, guarded by the
/// row's ETag. The lines are kept as JSON (tables have no decimal or list properties).
/// </summary>
internal sealed class TableOrderStore(TableStateStore state, IOutboxRelay relay, EventEnvelopeFactory envelopes) : IOrderStore
{
    public async ValueTask<Order?> FindAsync(string orderId, CancellationToken cancellationToken)
    {
        var row = await state.FindAsync(orderId, cancellationToken).ConfigureAwait(false);
        return row is null ? null : ToOrder(orderId, row);
    }

    public async ValueTask<Result> SaveAsync(OrderChange change, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(change);
        var order = change.Order;
        var changedFrom = order.Version - 1;
        TableEntity? current = null;
        if (changedFrom > 0)
        {
            // The ETag of the version the change was decided from: a writer in between moves it on.
            current = await state.FindAsync(order.Id, cancellationToken).ConfigureAwait(false);
            var stored = current?.GetInt64(nameof(Order.Version)) ?? 0;
            if (stored != changedFrom)
            {
                return OrderErrors.VersionConflict(order.Id, stored, changedFrom);
            }
        }

        IReadOnlyList<EventEnvelope> recorded = [envelopes.Create(change.Event) with { StreamId = order.Id }];
        if (!await state.CommitAsync(order.Id, ToRow(order), current?.ETag, recorded, cancellationToken).ConfigureAwait(false))
        {
            return OrderErrors.VersionConflict(order.Id, changedFrom + 1, changedFrom);
        }

        await relay.RelayAsync(recorded, cancellationToken).ConfigureAwait(false);
        return Result.Success;
    }

    private static TableEntity ToRow(Order order) => new()
    {
        [nameof(Order.CustomerId)] = order.CustomerId,
        [nameof(Order.Status)] = order.Status.ToString(),
        [nameof(Order.Version)] = order.Version,
        [nameof(Order.CreatedAt)] = order.CreatedAt,
        [nameof(Order.Lines)] = JsonSerializer.Serialize(order.Lines, OrderRowsJson.Default.IReadOnlyListOrderLine),
    };

    private static Order ToOrder(string orderId, TableEntity row) => Order.Restore(
        orderId,
        row.GetString(nameof(Order.CustomerId)),
        JsonSerializer.Deserialize(row.GetString(nameof(Order.Lines)), OrderRowsJson.Default.IReadOnlyListOrderLine) ?? [],
        Enum.Parse<OrderStatus>(row.GetString(nameof(Order.Status))),
        row.GetInt64(nameof(Order.Version)) ?? 0,
        row.GetDateTimeOffset(nameof(Order.CreatedAt)) ?? default);
}
