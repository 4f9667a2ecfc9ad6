using ServerlessCqrs.Orders.Domain;
using ServerlessCqrs.Orders.Storage;

namespace ServerlessCqrs.Orders;

internal sealed class GetOrderHandler(IOrderStore orders) : IQueryHandler<GetOrder, OrderDetails>
{
    public async ValueTask<Result<OrderDetails>> HandleAsync(GetOrder query, CancellationToken cancellationToken)
    {
        var order = await orders.FindAsync(query.OrderId, cancellationToken).ConfigureAwait(false);
        return order is null
            ? OrderErrors.NotFound(query.OrderId)
            : new OrderDetails(order.Id, order.CustomerId, order.Status, order.Lines, order.Total, order.Version);
    }
}
