using System.ComponentModel.DataAnnotations;

namespace ServerlessCqrs.Orders;

/// <summary>Confirms an order. A cancelled order cannot be confirmed (409).</summary>
public sealed record ConfirmOrder : ICommand
{
    /// <summary>The order to confirm.</summary>
    [Required, StringLength(64, MinimumLength = 1), ResourceId]
    public string OrderId { get; init; } = "";
}
