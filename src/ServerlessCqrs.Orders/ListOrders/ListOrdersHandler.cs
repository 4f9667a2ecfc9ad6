using ServerlessCqrs.Orders.Domain;
using ServerlessCqrs.Orders.Storage;
using ServerlessCqrs.Security;
using ServerlessCqrs.Storage;

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

        ReadModelCursor? after = null;
        if (query.ContinuationToken is not null && !ReadModelCursor.TryParse(query.ContinuationToken, out after))
        {
            return OrderErrors.BadContinuationToken();
        }

        var page = await summaries.ListByCustomerAsync(customerId, query.Limit, after, cancellationToken).ConfigureAwait(false);
        return new OrderList([.. page.Views.Select(r => new OrderListItem(r.OrderId, r.Status, r.Total))], page.Next?.ToString());
    }
}
