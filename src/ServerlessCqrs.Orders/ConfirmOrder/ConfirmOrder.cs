using System.ComponentModel.DataAnnotations;

using ServerlessCqrs.Orders.Domain;

namespace ServerlessCqrs.Orders;

/// <summary>Confirms an order. A cancelled order cannot be confirmed (409).</summary>
[ExpectedError(ErrorKind.NotFound, OrderErrors.NotFoundCode)]
[ExpectedError(ErrorKind.Forbidden, OrderErrors.ForbiddenCode)]
[ExpectedError(ErrorKind.Conflict, OrderErrors.CancelledCode)]
public sealed record ConfirmOrder : ICommand
{
    /// <summary>The order to confirm.</summary>
    [Required, StringLength(64, MinimumLength = 1), ResourceId]
    public string OrderId { get; init; } = "";
}
