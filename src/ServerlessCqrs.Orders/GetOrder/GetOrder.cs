using System.ComponentModel.DataAnnotations;

namespace ServerlessCqrs.Orders;

/// <summary>Reads one order from the write side (always current). 404 when there is no such order.</summary>
public sealed record GetOrder : IQuery<OrderDetails>
{
    /// <summary>The order to read.</summary>
    [Required, StringLength(64, MinimumLength = 1)]
    public string OrderId { get; init; } = "";
}
