namespace ServerlessCqrs.Orders;

/// <summary>The cache tags of the Orders queries; the projection invalidates them when an order changes.</summary>
public static class OrderCacheTags
{
    /// <summary>Results that show this order.</summary>
    public static string Order(string orderId) => "order:" + orderId;

    /// <summary>Results that list this customer's orders.</summary>
    public static string Customer(string customerId) => "customer:" + customerId;
}
