using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using ServerlessCqrs.Registry;
using ServerlessCqrs.Security;

namespace ServerlessCqrs.Caching;

/// <summary>The kernel's <see cref="IQueryCache"/> over the FusionCache instance the caching behavior uses.</summary>
internal sealed class QueryCache(MessageRegistry registry, QueryCacheStore store, IServiceScopeFactory scopes) : IQueryCache
{
    public ValueTask InvalidateAsync(object query, CancellationToken cancellationToken = default)
    {
        var descriptor = QueryOf(query);
        return store.InvalidateKeyAsync(store.KeysOf(descriptor).For(query, MessageCaller.Current.TenantId), cancellationToken);
    }

    public ValueTask InvalidateQueryTypeAsync(string queryName, CancellationToken cancellationToken = default)
    {
        if (!registry.TryGetByName(queryName, out var descriptor) || descriptor.Kind != MessageKind.Query)
        {
            throw new ArgumentException($"There is no query named '{queryName}'.", nameof(queryName));
        }

        return store.InvalidateTagsAsync([QueryCacheKeys.TypeTag(descriptor.Name)], cancellationToken);
    }

    public ValueTask InvalidateTagsAsync(IEnumerable<string> tags, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(tags);

        // Each tag as the current tenant's queries store it, and as tenant-independent queries do.
        var tenant = MessageCaller.Current.TenantId;
        return store.InvalidateTagsAsync([.. tags.SelectMany(tag => new[] { QueryCacheKeys.Tag(tag, tenant), QueryCacheKeys.Tag(tag) })], cancellationToken);
    }

    public async ValueTask<Result<object?>> RefreshAsync(object query, CancellationToken cancellationToken = default)
    {
        QueryOf(query);
        var scope = scopes.CreateAsyncScope();
        await using (scope.ConfigureAwait(false))
        {
            var features = new FeatureCollection(initialCapacity: 2);
            features.Set(QueryCacheRefresh.Requested);
            return await scope.ServiceProvider.GetRequiredService<IMessageBus>().DispatchAsync(query, features, cancellationToken).ConfigureAwait(false);
        }
    }

    private MessageDescriptor QueryOf(object query)
    {
        ArgumentNullException.ThrowIfNull(query);
        return registry.TryGetByType(query.GetType(), out var descriptor) && descriptor.Kind == MessageKind.Query
            ? descriptor
            : throw new ArgumentException($"{query.GetType().FullName} is not a query.", nameof(query));
    }
}
