using ServerlessCqrs.Orders.Domain;
using ServerlessCqrs.Orders.Storage;

namespace ServerlessCqrs.Orders;

internal sealed class ConfirmOrderHandler(IOrderStore orders, TimeProvider timeProvider) : ICommandHandler<ConfirmOrder>
{
    public async ValueTask<Result> HandleAsync(ConfirmOrder command, CancellationToken cancellationToken)
    {
        var order = await orders.FindAsync(command.OrderId, cancellationToken).ConfigureAwait(false);
        if (order is null)
        {
            return OrderErrors.NotFound(command.OrderId);
        }

        var change = order.Confirm(timeProvider.GetUtcNow());
        if (!change.TryGetValue(out var confirmed))
        {
            return change.Error!;
        }

        return confirmed is null ? Result.Success : await orders.SaveAsync(confirmed, cancellationToken).ConfigureAwait(false);
    }
}
