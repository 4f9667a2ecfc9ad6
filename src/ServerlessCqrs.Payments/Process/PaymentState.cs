namespace ServerlessCqrs.Payments.Process;

/// <summary>The payment process of one order.</summary>
/// <param name="OrderId">The order.</param>
/// <param name="AmountDue">The order total; <see langword="null"/> while the confirmation has not been seen (a payment came first).</param>
/// <param name="AmountReceived">What has come in and was not refunded.</param>
/// <param name="Status">Where the payment is.</param>
internal sealed record PaymentState(string OrderId, decimal? AmountDue, decimal AmountReceived, PaymentStatus Status)
{
    public bool IsCovered => AmountDue is { } due && AmountReceived >= due;
}

/// <summary>The timeout the process waits for: the payment of the order was due.</summary>
/// <param name="OrderId">The order.</param>
internal sealed record PaymentDue(string OrderId);
