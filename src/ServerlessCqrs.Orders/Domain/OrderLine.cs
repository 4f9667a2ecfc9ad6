namespace ServerlessCqrs.Orders.Domain;

/// <summary>One product line of an order.</summary>
/// <param name="Sku">The product.</param>
/// <param name="Quantity">How many.</param>
/// <param name="UnitPrice">The price of one.</param>
public sealed record OrderLine(string Sku, int Quantity, decimal UnitPrice);
