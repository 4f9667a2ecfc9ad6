using ServerlessCqrs.Payments.Events;

namespace ServerlessCqrs.Payments;

/// <summary>A payment is a fact the payment process reacts to: it is published, and the process decides what it means.</summary>
internal sealed class ReceivePaymentHandler(IEventPublisher events, TimeProvider timeProvider) : ICommandHandler<ReceivePayment>
{
    public async ValueTask<Result> HandleAsync(ReceivePayment command, CancellationToken cancellationToken)
    {
        await events.PublishAsync(
            [new PaymentReceived { OccurredAt = timeProvider.GetUtcNow(), PaymentId = Guid.CreateVersion7(), OrderId = command.OrderId, Amount = command.Amount }],
            cancellationToken).ConfigureAwait(false);
        return Result.Success;
    }
}
