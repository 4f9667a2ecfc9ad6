using System.ComponentModel.DataAnnotations;

namespace ServerlessCqrs.Payments;

/// <summary>Reads the payment of an order: due, received, timed out or refunded. 404 until a payment is requested or received.</summary>
[ExpectedError(ErrorKind.NotFound, PaymentErrors.NotFoundCode)]
public sealed record GetPayment : IQuery<PaymentDetails>
{
    /// <summary>The order whose payment to read.</summary>
    [Required, StringLength(64, MinimumLength = 1), ResourceId]
    public string OrderId { get; init; } = "";
}
