using ServerlessCqrs.Orders.Domain;
using ServerlessCqrs.Orders.Storage;
using ServerlessCqrs.Security;

namespace ServerlessCqrs.Orders;

internal sealed class ListOrdersHandler(IOrderSummaryStore summaries) : IQueryHandler<ListOrders, OrderList>
{
    public async ValueTask<Result<OrderList>> HandleAsync(ListOrders query, CancellationToken cancellationToken)
    {
        var caller = MessageCaller.Current;
        if (OrderAccess.CustomerFor(caller, query.CustomerId) is not { } customerId)
        {
            return OrderErrors.CustomerRequired();
        }

        if (!OrderAccess.MayActFor(caller, customerId))
        {
            return OrderErrors.NotYours(customerId);
        }

        var rows = await summaries.ListByCustomerAsync(customerId, query.Limit, cancellationToken).ConfigureAwait(false);
        return new OrderList([.. rows.Select(r => new OrderListItem(r.OrderId, r.Status, r.Total))]);
    }
}
