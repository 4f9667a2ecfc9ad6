using ServerlessCqrs.Orders.Domain;
using ServerlessCqrs.Orders.Storage;
using ServerlessCqrs.Security;

namespace ServerlessCqrs.Orders;

internal sealed class GetOrderHandler(IOrderStore orders) : IQueryHandler<GetOrder, OrderDetails>
{
    public async ValueTask<Result<OrderDetails>> HandleAsync(GetOrder query, CancellationToken cancellationToken)
    {
        var order = await orders.FindAsync(query.OrderId, cancellationToken).ConfigureAwait(false);
        return order is null ? OrderErrors.NotFound(query.OrderId)
            : !OrderAccess.MayActFor(MessageCaller.Current, order.CustomerId) ? OrderErrors.NotYours(order.CustomerId)
            : new OrderDetails(order.Id, order.CustomerId, order.Status, order.Lines, order.Total, order.Version);
    }
}
