namespace ServerlessCqrs.Orders.Domain;

/// <summary>Where an order is in its life.</summary>
public enum OrderStatus
{
    /// <summary>Placed, awaiting confirmation.</summary>
    Created,

    /// <summary>Confirmed and awaiting payment; only the payment process cancels it now (<c>payment_timeout</c>).</summary>
    Confirmed,

    /// <summary>Cancelled; can no longer be confirmed.</summary>
    Cancelled,

    /// <summary>Paid in full; can no longer be cancelled.</summary>
    Paid,
}
