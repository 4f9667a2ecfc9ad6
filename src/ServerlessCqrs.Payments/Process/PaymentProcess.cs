using Microsoft.Extensions.Options;
using ServerlessCqrs.Payments.Events;
using ServerlessCqrs.Payments.OrdersContract;
using ServerlessCqrs.Processes;

namespace ServerlessCqrs.Payments.Process;

/// <summary>
/// The payment of an order, from its confirmation to paid, or to cancelled when no payment covers it within
/// <see cref="PaymentOptions.Timeout"/>. A payment that comes after that (or after the order is paid) is refunded.
/// Either event may come first: a payment before the confirmation is kept until the amount due is known.
/// </summary>
internal sealed class PaymentProcess : ProcessManager<PaymentState>
{
    /// <summary>The reason the order is cancelled with, and a late payment refunded for.</summary>
    public const string TimeoutReason = "payment_timeout";

    /// <summary>The reason a payment for an order already paid is refunded.</summary>
    public const string AlreadyPaidReason = "already_paid";

    private readonly TimeSpan _timeout;

    public PaymentProcess(IOptions<PaymentOptions> options)
    {
        _timeout = options.Value.Timeout;
        StartedBy<OrderConfirmed>(e => e.OrderId, OnOrderConfirmed);
        StartedBy<PaymentReceived>(e => e.OrderId, OnPaymentReceived);
        OnTimeout<PaymentDue>(OnPaymentDue);
    }

    private void OnOrderConfirmed(ProcessContext<PaymentState> process, OrderConfirmed confirmed)
    {
        if (process.State is { AmountDue: not null })
        {
            return; // Confirmed before: the same confirmation again.
        }

        var state = (process.State ?? new PaymentState(confirmed.OrderId, null, 0, PaymentStatus.Requested)) with
        {
            AmountDue = confirmed.Total,
            Status = PaymentStatus.Requested,
        };
        process.State = state;
        process.Publish(new PaymentRequested { OccurredAt = process.Now, OrderId = state.OrderId, AmountDue = confirmed.Total, DueAt = process.Now + _timeout });
        if (state.IsCovered)
        {
            Settle(process, state);
        }
        else
        {
            process.RequestTimeout(_timeout, new PaymentDue(state.OrderId));
        }
    }

    private void OnPaymentReceived(ProcessContext<PaymentState> process, PaymentReceived payment)
    {
        var state = process.State ?? new PaymentState(payment.OrderId, null, 0, PaymentStatus.Requested);
        if (state.Status != PaymentStatus.Requested)
        {
            // Too late: the order is paid, or cancelled for want of payment.
            var reason = state.Status == PaymentStatus.Received ? AlreadyPaidReason : TimeoutReason;
            process.Publish(new PaymentRefunded { OccurredAt = process.Now, OrderId = state.OrderId, Amount = payment.Amount, Reason = reason });
            process.State = reason == TimeoutReason ? state with { Status = PaymentStatus.Refunded } : state;
            return;
        }

        state = state with { AmountReceived = state.AmountReceived + payment.Amount };
        process.State = state;
        if (state.IsCovered)
        {
            Settle(process, state);
        }
    }

    private void OnPaymentDue(ProcessContext<PaymentState> process, PaymentDue due)
    {
        var state = process.State!;
        process.State = state with { Status = PaymentStatus.TimedOut };
        process.Send(new CancelOrder(due.OrderId, TimeoutReason));
        process.Publish(new PaymentTimedOut { OccurredAt = process.Now, OrderId = due.OrderId, AmountReceived = state.AmountReceived });
        if (state.AmountReceived > 0)
        {
            process.Publish(new PaymentRefunded { OccurredAt = process.Now, OrderId = due.OrderId, Amount = state.AmountReceived, Reason = TimeoutReason });
        }

        process.Complete();
    }

    private static void Settle(ProcessContext<PaymentState> process, PaymentState state)
    {
        process.State = state with { Status = PaymentStatus.Received };
        process.Send(new MarkOrderPaid(state.OrderId));
        process.Publish(new PaymentSettled { OccurredAt = process.Now, OrderId = state.OrderId, AmountReceived = state.AmountReceived });
        process.Complete();
    }
}
