namespace ServerlessCqrs.Orders.Domain;

/// <summary>Where an order is in its life.</summary>
public enum OrderStatus
{
    /// <summary>Placed, awaiting confirmation.</summary>
    Created,

    /// <summary>Confirmed; can no longer be cancelled.</summary>
    Confirmed,

    /// <summary>Cancelled; can no longer be confirmed.</summary>
    Cancelled,
}
