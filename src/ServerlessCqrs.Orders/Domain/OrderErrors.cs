namespace ServerlessCqrs.Orders.Domain;

/// <summary>The expected failures of the Orders domain, and their codes for <see cref="ExpectedErrorAttribute"/>.</summary>
public static class OrderErrors
{
    /// <summary>The code of <see cref="NotFound"/>.</summary>
    public const string NotFoundCode = "order_not_found";

    /// <summary>The code of <see cref="NotYours"/>.</summary>
    public const string ForbiddenCode = "order_forbidden";

    /// <summary>The code of <see cref="AlreadyCancelled"/>.</summary>
    public const string CancelledCode = "order_cancelled";

    /// <summary>The code of <see cref="AlreadyConfirmed"/>.</summary>
    public const string ConfirmedCode = "order_confirmed";

    /// <summary>The code of <see cref="AlreadyPaid"/>.</summary>
    public const string PaidCode = "order_paid";

    /// <summary>The code of <see cref="NotConfirmed"/>.</summary>
    public const string NotConfirmedCode = "order_not_confirmed";

    /// <summary>Another writer changed the order since it was loaded.</summary>
    public static Error VersionConflict(string orderId, long changedFrom) =>
        Error.Concurrency($"Order '{orderId}' has changed since version {changedFrom}, which this change was made from.");

    /// <summary>No order has the id.</summary>
    public static Error NotFound(string orderId) => Error.NotFound(NotFoundCode, $"Order '{orderId}' does not exist.");

    /// <summary>The caller may not act for this customer.</summary>
    public static Error NotYours(string customerId) =>
        Error.Forbidden(ForbiddenCode, $"Only customer '{customerId}' or a holder of the {OrderAccess.AdminRole} role may do this.");

    /// <summary>No customer was named, and the caller is not one.</summary>
    public static Error CustomerRequired() => Error.Validation("customerId", "The customerId field is required.");

    /// <summary>The continuation token is not one a list answered with.</summary>
    public static Error BadContinuationToken() =>
        Error.Validation("continuationToken", "The continuationToken is not one a page of this list answered with; start again without it.");

    /// <summary>A cancelled order cannot be confirmed.</summary>
    public static Error AlreadyCancelled(string orderId) =>
        Error.Conflict(CancelledCode, $"Order '{orderId}' is cancelled and can no longer be confirmed.");

    /// <summary>A confirmed order cannot be cancelled by a caller; only the payment process cancels it, when no payment came.</summary>
    public static Error AlreadyConfirmed(string orderId) =>
        Error.Conflict(ConfirmedCode, $"Order '{orderId}' is confirmed and can no longer be cancelled.");

    /// <summary>A paid order cannot be cancelled.</summary>
    public static Error AlreadyPaid(string orderId) =>
        Error.Conflict(PaidCode, $"Order '{orderId}' is paid and can no longer be cancelled.");

    /// <summary>Only a confirmed order can be paid.</summary>
    public static Error NotConfirmed(string orderId, OrderStatus status) =>
        Error.Conflict(NotConfirmedCode, $"Order '{orderId}' is {status.ToString().ToLowerInvariant()}; only a confirmed order can be paid.");
}
