using System.ComponentModel.DataAnnotations;

using ServerlessCqrs.Orders.Domain;

namespace ServerlessCqrs.Orders;

/// <summary>Cancels an order. A confirmed or paid order cannot be cancelled (409).</summary>
[ExpectedError(ErrorKind.NotFound, OrderErrors.NotFoundCode)]
[ExpectedError(ErrorKind.Forbidden, OrderErrors.ForbiddenCode)]
[ExpectedError(ErrorKind.Conflict, OrderErrors.ConfirmedCode)]
[ExpectedError(ErrorKind.Conflict, OrderErrors.PaidCode)]
public sealed record CancelOrder : ICommand
{
    /// <summary>The order to cancel.</summary>
    [Required, StringLength(64, MinimumLength = 1), ResourceId]
    public string OrderId { get; init; } = "";

    /// <summary>Why, 1 to 500 characters.</summary>
    [Required, StringLength(500, MinimumLength = 1)]
    public string Reason { get; init; } = "";
}
