using Microsoft.Extensions.DependencyInjection;
using ServerlessCqrs.Internal;
using ServerlessCqrs.Registry;

namespace ServerlessCqrs.Caching;

/// <summary>The kernel's <see cref="IQueryCache"/> over the FusionCache instance the caching behavior uses.</summary>
internal sealed class QueryCache(MessageRegistry registry, QueryCacheStore store, IServiceScopeFactory scopes) : IQueryCache
{
    public ValueTask InvalidateAsync(object query, CancellationToken cancellationToken = default) =>
        store.InvalidateKeyAsync(QueryCacheKeys.For(QueryOf(query).Descriptor, query), cancellationToken);

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
        return store.InvalidateTagsAsync([.. tags.Select(QueryCacheKeys.Tag)], cancellationToken);
    }

    public async ValueTask<Result<object?>> RefreshAsync(object query, CancellationToken cancellationToken = default)
    {
        var (_, invoker) = QueryOf(query);
        var scope = scopes.CreateAsyncScope();
        await using (scope.ConfigureAwait(false))
        {
            var context = invoker.NewContext(scope.ServiceProvider, refreshCache: true);
            return await invoker.InvokeUntypedAsync(query, context, cancellationToken).ConfigureAwait(false);
        }
    }

    private (MessageDescriptor Descriptor, RequestInvoker Invoker) QueryOf(object query)
    {
        ArgumentNullException.ThrowIfNull(query);
        var descriptor = registry.GetByType(query.GetType());
        return descriptor is { Kind: MessageKind.Query, Invoker: { } invoker }
            ? (descriptor, invoker)
            : throw new ArgumentException($"{query.GetType().FullName} is not a query.", nameof(query));
    }
}
