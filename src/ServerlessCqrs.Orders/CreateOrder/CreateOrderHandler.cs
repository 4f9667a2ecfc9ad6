using ServerlessCqrs.Orders.Domain;
using ServerlessCqrs.Orders.Storage;
using ServerlessCqrs.Security;

namespace ServerlessCqrs.Orders;

internal sealed class CreateOrderHandler(IOrderStore orders, TimeProvider timeProvider) : ICommandHandler<CreateOrder, CreateOrderResult>
{
    public async ValueTask<Result<CreateOrderResult>> HandleAsync(CreateOrder command, CancellationToken cancellationToken)
    {
        var customer = OrderAccess.CustomerFor(MessageCaller.Current, command.CustomerId);
        if (!customer.TryGetValue(out var customerId))
        {
            return customer.Error!;
        }

        var now = timeProvider.GetUtcNow();
        var id = Guid.CreateVersion7(now).ToString("N");
        var lines = command.Lines.Select(l => new OrderLine(l.Sku, l.Quantity, l.UnitPrice)).ToArray();
        var change = Order.Create(id, customerId, lines, now);
        var saved = await orders.SaveAsync(change, cancellationToken).ConfigureAwait(false);
        return saved.IsSuccess ? new CreateOrderResult(id) : saved.Error!;
    }
}
