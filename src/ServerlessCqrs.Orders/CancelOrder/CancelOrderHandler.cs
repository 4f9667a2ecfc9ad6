using ServerlessCqrs.Orders.Domain;
using ServerlessCqrs.Orders.Storage;

namespace ServerlessCqrs.Orders;

internal sealed class CancelOrderHandler(IOrderStore orders, TimeProvider timeProvider) : ICommandHandler<CancelOrder>
{
    public async ValueTask<Result> HandleAsync(CancelOrder command, CancellationToken cancellationToken)
    {
        var order = await orders.FindAsync(command.OrderId, cancellationToken).ConfigureAwait(false);
        if (order is null)
        {
            return OrderErrors.NotFound(command.OrderId);
        }

        var change = order.Cancel(command.Reason, timeProvider.GetUtcNow());
        if (!change.TryGetValue(out var cancelled))
        {
            return change.Error!;
        }

        return cancelled is null ? Result.Success : await orders.SaveAsync(cancelled, cancellationToken).ConfigureAwait(false);
    }
}
