using ServerlessCqrs.Orders.Storage;

namespace ServerlessCqrs.Orders;

internal sealed class MarkOrderPaidHandler(IOrderStore orders, TimeProvider timeProvider) : ICommandHandler<MarkOrderPaid>
{
    public ValueTask<Result> HandleAsync(MarkOrderPaid command, CancellationToken cancellationToken) =>
        orders.ChangeAsync(command.OrderId, order => order.MarkPaid(timeProvider.GetUtcNow()), cancellationToken);
}
