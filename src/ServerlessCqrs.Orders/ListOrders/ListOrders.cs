using System.ComponentModel.DataAnnotations;
using ServerlessCqrs.Caching;
using ServerlessCqrs.Storage;

using ServerlessCqrs.Orders.Domain;

namespace ServerlessCqrs.Orders;

/// <summary>
/// A customer's orders, newest first, a page at a time, from the read model the order events keep (eventually
/// consistent: normally current within a second of a change). Cached for 10 s, refreshed in the background
/// after 8 s, served up to 2 minutes old if the read model fails; the projection invalidates the customer's
/// lists whenever it changes one of their orders.
/// </summary>
[QueryCache(10, EagerRefreshThreshold = 0.8, FailSafeMaxSeconds = 120, VaryByUser = true)]
[ExpectedError(ErrorKind.Forbidden, OrderErrors.ForbiddenCode)]
public sealed record ListOrders : IQuery<OrderList>, ICacheTagged
{
    /// <summary>The customer; left out, the authenticated caller. Another customer's list needs the <c>Orders.Admin</c> role.</summary>
    [StringLength(64, MinimumLength = 1), ResourceId]
    public string? CustomerId { get; init; }

    /// <summary>How many orders at most on this page, 1 to 200 (default 50).</summary>
    [Range(1, 200)]
    public int Limit { get; init; } = 50;

    /// <summary>
    /// Where the page starts: the <c>continuationToken</c> of the page before; left out, the newest orders. Orders placed
    /// since the first page never shift the pages after it.
    /// </summary>
    [StringLength(ReadModelCursor.MaxTokenLength, MinimumLength = 1)]
    public string? ContinuationToken { get; init; }

    /// <inheritdoc />
    public IEnumerable<string> GetCacheTags() => CustomerId is null ? [] : [OrderCacheTags.Customer(CustomerId)];
}
