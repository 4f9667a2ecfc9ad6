namespace ServerlessCqrs.Payments;

/// <summary>The expected failures of the Payments domain, and their codes.</summary>
public static class PaymentErrors
{
    /// <summary>The code of <see cref="NotFound"/>.</summary>
    public const string NotFoundCode = "payment_not_found";

    /// <summary>No payment was requested or received for the order.</summary>
    public static Error NotFound(string orderId) => Error.NotFound(NotFoundCode, $"No payment has been requested or received for order '{orderId}'.");
}
