using ServerlessCqrs.Orders.Domain;
using ServerlessCqrs.Orders.Storage;
using ServerlessCqrs.Security;

namespace ServerlessCqrs.Orders;

internal sealed class CancelOrderHandler(IOrderStore orders, TimeProvider timeProvider) : ICommandHandler<CancelOrder>
{
    /// <summary>A confirmed order is cancelled only for a payment timeout, and only when the service (the payment process) says so.</summary>
    public ValueTask<Result> HandleAsync(CancelOrder command, CancellationToken cancellationToken)
    {
        var byPaymentTimeout = MessageCaller.Current.IsService && command.Reason == Order.PaymentTimeoutReason;
        return orders.ChangeAsync(command.OrderId, order => order.Cancel(command.Reason, timeProvider.GetUtcNow(), byPaymentTimeout), cancellationToken);
    }
}
