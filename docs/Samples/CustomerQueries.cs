using ServerlessCqrs.Caching;
using ServerlessCqrs.Storage;

namespace ServerlessCqrs.Docs.Samples;

#region cached-query
// A query cached for 60 s, refreshed in the background after 48 s, served up to 10 min old while its
// store fails; every result carries the tag customer:{id}, which the projection below invalidates.
[QueryCache(60, EagerRefreshThreshold = 0.8, FailSafeMaxSeconds = 600)]
public sealed record GetCustomer : IQuery<CustomerView>, ICacheTagged
{
    public string CustomerId { get; init; } = "";

    public IEnumerable<string> GetCacheTags() => [$"customer:{CustomerId}"];
}

internal sealed class GetCustomerHandler(IReadModelStore<CustomerView> views) : IQueryHandler<GetCustomer, CustomerView>
{
    public async ValueTask<Result<CustomerView>> HandleAsync(GetCustomer query, CancellationToken cancellationToken) =>
        await views.FindAsync(query.CustomerId, query.CustomerId, cancellationToken) is { } stored
            ? stored.View
            : Error.NotFound("customer_not_found", $"There is no customer '{query.CustomerId}'.");
}
#endregion

#region projection
// An event handler keeping a read model, then invalidating what the change made stale — on every instance.
internal sealed class CustomerProjection(IReadModelStore<CustomerView> views, IQueryCache cache) : IEventHandler<CustomerRenamed>
{
    public async ValueTask HandleAsync(CustomerRenamed @event, CancellationToken cancellationToken)
    {
        var current = await views.FindAsync(@event.CustomerId, @event.CustomerId, cancellationToken);
        var view = new CustomerView(@event.CustomerId, @event.Name);
        await views.TryWriteAsync(@event.CustomerId, @event.CustomerId, view, sortKey: @event.Name, current?.Revision, cancellationToken);
        await cache.InvalidateTagsAsync([$"customer:{@event.CustomerId}"], cancellationToken);
    }
}
#endregion

/// <summary>The read model of a customer.</summary>
public sealed record CustomerView(string CustomerId, string Name);
