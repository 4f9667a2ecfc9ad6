using System.ComponentModel.DataAnnotations;

namespace ServerlessCqrs.Orders;

/// <summary>
/// A customer's orders, newest first, from the read model the order events keep (eventually
/// consistent: normally current within a second of a change).
/// </summary>
public sealed record ListOrders : IQuery<OrderList>
{
    /// <summary>The customer.</summary>
    [Required, StringLength(64, MinimumLength = 1)]
    public string CustomerId { get; init; } = "";

    /// <summary>How many orders at most, 1 to 200 (default 50).</summary>
    [Range(1, 200)]
    public int Limit { get; init; } = 50;
}
