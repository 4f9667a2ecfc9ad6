namespace ServerlessCqrs.Payments;

/// <summary>Where an order's payment is, in the order a payment's life moves through (a later one wins).</summary>
public enum PaymentStatus
{
    /// <summary>Due: the order is confirmed, and not yet covered.</summary>
    Requested,

    /// <summary>Received in full; the order is paid.</summary>
    Received,

    /// <summary>Not covered in time; the order is cancelled.</summary>
    TimedOut,

    /// <summary>Money that came after the time ran out was given back.</summary>
    Refunded,
}
