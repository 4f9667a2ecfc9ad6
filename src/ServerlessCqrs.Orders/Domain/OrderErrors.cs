namespace ServerlessCqrs.Orders.Domain;

/// <summary>The expected failures of the Orders domain.</summary>
public static class OrderErrors
{
    /// <summary>Another writer changed the order since it was loaded.</summary>
    public static Error VersionConflict(string orderId, long changedFrom) =>
        Error.Concurrency($"Order '{orderId}' has changed since version {changedFrom}, which this change was made from.");

    /// <summary>No order has the id.</summary>
    public static Error NotFound(string orderId) => Error.NotFound("order_not_found", $"Order '{orderId}' does not exist.");

    /// <summary>The caller may not act for this customer.</summary>
    public static Error NotYours(string customerId) =>
        Error.Forbidden("order_forbidden", $"Only customer '{customerId}' or a holder of the {OrderAccess.AdminRole} role may do this.");

    /// <summary>No customer was named, and the caller is not one.</summary>
    public static Error CustomerRequired() => Error.Validation("customerId", "The customerId field is required.");

    /// <summary>The continuation token is not one a list answered with.</summary>
    public static Error BadContinuationToken() =>
        Error.Validation("continuationToken", "The continuationToken is not one a page of this list answered with; start again without it.");

    /// <summary>A cancelled order cannot be confirmed.</summary>
    public static Error AlreadyCancelled(string orderId) =>
        Error.Conflict("order_cancelled", $"Order '{orderId}' is cancelled and can no longer be confirmed.");

    /// <summary>A confirmed order cannot be cancelled.</summary>
    public static Error AlreadyConfirmed(string orderId) =>
        Error.Conflict("order_confirmed", $"Order '{orderId}' is confirmed and can no longer be cancelled.");
}
