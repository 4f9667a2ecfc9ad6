using System.ComponentModel.DataAnnotations;

namespace ServerlessCqrs.Orders;

/// <summary>
/// Records that a confirmed order is paid in full. Sent by the payment process, never by a caller; a repeat
/// changes nothing.
/// </summary>
[ServiceOnly]
public sealed record MarkOrderPaid : ICommand
{
    /// <summary>The order that was paid.</summary>
    [Required, StringLength(64, MinimumLength = 1), ResourceId]
    public string OrderId { get; init; } = "";
}
