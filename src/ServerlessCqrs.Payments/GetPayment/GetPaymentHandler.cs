using ServerlessCqrs.Payments.Projections;

namespace ServerlessCqrs.Payments;

internal sealed class GetPaymentHandler(PaymentViews payments) : IQueryHandler<GetPayment, PaymentDetails>
{
    public async ValueTask<Result<PaymentDetails>> HandleAsync(GetPayment query, CancellationToken cancellationToken) =>
        await payments.FindAsync(query.OrderId, cancellationToken).ConfigureAwait(false) is { } view
            ? new PaymentDetails(view.OrderId, view.Status, view.AmountDue, view.AmountReceived, view.AmountRefunded, view.DueAt)
            : PaymentErrors.NotFound(query.OrderId);
}
