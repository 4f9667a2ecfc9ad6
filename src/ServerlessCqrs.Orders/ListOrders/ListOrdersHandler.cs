using ServerlessCqrs.Orders.Storage;
using ServerlessCqrs.Security;

namespace ServerlessCqrs.Orders;

internal sealed class ListOrdersHandler(IOrderSummaryStore summaries) : IQueryHandler<ListOrders, OrderList>
{
    public async ValueTask<Result<OrderList>> HandleAsync(ListOrders query, CancellationToken cancellationToken)
    {
        var customer = OrderAccess.CustomerFor(MessageCaller.Current, query.CustomerId);
        if (!customer.TryGetValue(out var customerId))
        {
            return customer.Error!;
        }

        var rows = await summaries.ListByCustomerAsync(customerId, query.Limit, cancellationToken).ConfigureAwait(false);
        return new OrderList([.. rows.Select(r => new OrderListItem(r.OrderId, r.Status, r.Total))]);
    }
}
