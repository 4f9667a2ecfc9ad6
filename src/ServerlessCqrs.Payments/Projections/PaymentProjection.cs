using ServerlessCqrs.Payments.Events;

namespace ServerlessCqrs.Payments.Projections;

/// <summary>
/// Keeps the payments read model behind <c>GetPayment</c>. Events may arrive in any order: amounts add up per event
/// (each applied once), and the status only moves forward (<see cref="PaymentStatus"/> is in the order of a payment's life).
/// </summary>
internal sealed class PaymentProjection(PaymentViews views)
    : IEventHandler<PaymentRequested>, IEventHandler<PaymentReceived>, IEventHandler<PaymentSettled>, IEventHandler<PaymentTimedOut>, IEventHandler<PaymentRefunded>
{
    public ValueTask HandleAsync(PaymentRequested @event, CancellationToken cancellationToken) =>
        views.ApplyAsync(@event.OrderId, @event.EventId, v => v with { AmountDue = @event.AmountDue, DueAt = @event.DueAt }, cancellationToken);

    public ValueTask HandleAsync(PaymentReceived @event, CancellationToken cancellationToken) =>
        views.ApplyAsync(@event.OrderId, @event.EventId, v => v with { AmountReceived = v.AmountReceived + @event.Amount }, cancellationToken);

    public ValueTask HandleAsync(PaymentSettled @event, CancellationToken cancellationToken) =>
        views.ApplyAsync(@event.OrderId, @event.EventId, v => Advance(v, PaymentStatus.Received), cancellationToken);

    public ValueTask HandleAsync(PaymentTimedOut @event, CancellationToken cancellationToken) =>
        views.ApplyAsync(@event.OrderId, @event.EventId, v => Advance(v, PaymentStatus.TimedOut), cancellationToken);

    public ValueTask HandleAsync(PaymentRefunded @event, CancellationToken cancellationToken) =>
        views.ApplyAsync(@event.OrderId, @event.EventId,
            v => Advance(v, @event.Reason == Process.PaymentProcess.TimeoutReason ? PaymentStatus.Refunded : v.Status) with
            {
                AmountRefunded = v.AmountRefunded + @event.Amount,
            },
            cancellationToken);

    private static PaymentView Advance(PaymentView view, PaymentStatus status) => status > view.Status ? view with { Status = status } : view;
}
