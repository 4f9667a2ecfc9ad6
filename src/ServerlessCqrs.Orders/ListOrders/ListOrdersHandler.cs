using ServerlessCqrs.Orders.Storage;

namespace ServerlessCqrs.Orders;

internal sealed class ListOrdersHandler(IOrderSummaryStore summaries) : IQueryHandler<ListOrders, OrderList>
{
    public async ValueTask<Result<OrderList>> HandleAsync(ListOrders query, CancellationToken cancellationToken)
    {
        var rows = await summaries.ListByCustomerAsync(query.CustomerId, query.Limit, cancellationToken).ConfigureAwait(false);
        return new OrderList([.. rows.Select(r => new OrderListItem(r.OrderId, r.Status, r.Total))]);
    }
}
