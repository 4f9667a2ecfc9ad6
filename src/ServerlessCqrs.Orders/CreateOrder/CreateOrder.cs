using System.ComponentModel.DataAnnotations;

using ServerlessCqrs.Orders.Domain;

namespace ServerlessCqrs.Orders;

/// <summary>Places an order. <c>POST /api/commands/CreateOrder</c> answers 201 with the new order id.</summary>
[CreatesResource]
[ExpectedError(ErrorKind.Forbidden, OrderErrors.ForbiddenCode)]
public sealed record CreateOrder : ICommand<CreateOrderResult>
{
    /// <summary>
    /// The customer placing the order, 1 to 64 characters. An authenticated caller places orders for itself:
    /// left out, it is the caller's user id; another customer needs the <c>Orders.Admin</c> role.
    /// </summary>
    [StringLength(64, MinimumLength = 1), ResourceId]
    public string? CustomerId { get; init; }

    /// <summary>The product lines: at least one, at most 100.</summary>
    [Required, MinLength(1, ErrorMessage = "The field {0} needs at least one line."), MaxLength(100)]
    public IReadOnlyList<CreateOrderLine> Lines { get; init; } = [];
}
