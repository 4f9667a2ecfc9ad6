using System.ComponentModel.DataAnnotations;

namespace ServerlessCqrs.Orders;

/// <summary>One product line of a new order.</summary>
public sealed record CreateOrderLine
{
    /// <summary>The product, 1 to 64 characters.</summary>
    [Required, StringLength(64, MinimumLength = 1)]
    public string Sku { get; init; } = "";

    /// <summary>How many, 1 to 1000.</summary>
    [Range(1, 1000)]
    public int Quantity { get; init; }

    /// <summary>The price of one, 0 or more.</summary>
    [Range(typeof(decimal), "0", "1000000", ParseLimitsInInvariantCulture = true, ConvertValueInInvariantCulture = true)]
    public decimal UnitPrice { get; init; }
}
