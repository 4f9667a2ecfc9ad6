using ServerlessCqrs.Orders.Domain;
using ServerlessCqrs.Orders.Storage;

namespace ServerlessCqrs.Orders;

internal sealed class CreateOrderHandler(IOrderStore orders, TimeProvider timeProvider) : ICommandHandler<CreateOrder, CreateOrderResult>
{
    public async ValueTask<Result<CreateOrderResult>> HandleAsync(CreateOrder command, CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow();
        var id = Guid.CreateVersion7(now).ToString("N");
        var lines = command.Lines.Select(l => new OrderLine(l.Sku, l.Quantity, l.UnitPrice)).ToArray();
        var change = Order.Create(id, command.CustomerId, lines, now);
        var saved = await orders.SaveAsync(change, cancellationToken).ConfigureAwait(false);
        return saved.IsSuccess ? new CreateOrderResult(id) : saved.Error!;
    }
}
