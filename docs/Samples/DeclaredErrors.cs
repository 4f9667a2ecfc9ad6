using System.ComponentModel.DataAnnotations;

namespace ServerlessCqrs.Docs.Samples;

#region declared-errors
/// <summary>Closes a customer's account. Its XML documentation becomes the operation's description.</summary>
// Each expected failure its handler can return: the OpenAPI document lists the status (from the kind) and the code.
[ExpectedError(ErrorKind.NotFound, "customer_not_found")]
[ExpectedError(ErrorKind.Conflict, "customer_has_open_orders")]
public sealed record CloseCustomerAccount : ICommand
{
    /// <summary>The customer, 1 to 64 characters.</summary>
    [Required, StringLength(64, MinimumLength = 1), ResourceId]
    public string CustomerId { get; init; } = "";
}
#endregion
