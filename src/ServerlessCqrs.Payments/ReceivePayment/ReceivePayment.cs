using System.ComponentModel.DataAnnotations;

namespace ServerlessCqrs.Payments;

/// <summary>
/// Records a payment for an order. When the payments received cover the order's total, the order becomes paid;
/// a payment after the order was cancelled for want of payment (or after it was paid) is refunded.
/// </summary>
public sealed record ReceivePayment : ICommand
{
    /// <summary>The order it pays for.</summary>
    [Required, StringLength(64, MinimumLength = 1), ResourceId]
    public string OrderId { get; init; } = "";

    /// <summary>How much, more than 0.</summary>
    [Range(0.01, 1_000_000_000)]
    public decimal Amount { get; init; }
}
