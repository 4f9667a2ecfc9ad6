using ServerlessCqrs.Orders.Storage;

namespace ServerlessCqrs.Orders;

internal sealed class ConfirmOrderHandler(IOrderStore orders, TimeProvider timeProvider) : ICommandHandler<ConfirmOrder>
{
    public ValueTask<Result> HandleAsync(ConfirmOrder command, CancellationToken cancellationToken) =>
        orders.ChangeAsync(command.OrderId, order => order.Confirm(timeProvider.GetUtcNow()), cancellationToken);
}
