using System.ComponentModel.DataAnnotations;
using ServerlessCqrs.Caching;

using ServerlessCqrs.Orders.Domain;

namespace ServerlessCqrs.Orders;

/// <summary>
/// Reads one order from the write side. 404 when there is no such order. Cached for 30 s, refreshed in
/// the background after 24 s, served up to 5 minutes old if the store fails; the order's events
/// invalidate it, so a change shows as soon as its event is handled.
/// </summary>
[QueryCache(30, EagerRefreshThreshold = 0.8, FailSafeMaxSeconds = 300, VaryByUser = true)]
[ExpectedError(ErrorKind.NotFound, OrderErrors.NotFoundCode)]
[ExpectedError(ErrorKind.Forbidden, OrderErrors.ForbiddenCode)]
public sealed record GetOrder : IQuery<OrderDetails>, ICacheTagged
{
    /// <summary>The order to read.</summary>
    [Required, StringLength(64, MinimumLength = 1), ResourceId]
    public string OrderId { get; init; } = "";

    /// <inheritdoc />
    public IEnumerable<string> GetCacheTags() => [OrderCacheTags.Order(OrderId)];
}
