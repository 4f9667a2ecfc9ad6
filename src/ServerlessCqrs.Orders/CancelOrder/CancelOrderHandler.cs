using ServerlessCqrs.Orders.Storage;

namespace ServerlessCqrs.Orders;

internal sealed class CancelOrderHandler(IOrderStore orders, TimeProvider timeProvider) : ICommandHandler<CancelOrder>
{
    public ValueTask<Result> HandleAsync(CancelOrder command, CancellationToken cancellationToken) =>
        orders.ChangeAsync(command.OrderId, order => order.Cancel(command.Reason, timeProvider.GetUtcNow()), cancellationToken);
}
