using System.Collections.Frozen;
using System.Reflection;
using Microsoft.Extensions.Options;
using ServerlessCqrs.Registry;

namespace ServerlessCqrs.Caching;

/// <summary>Every cached query's policy — its <see cref="QueryCacheAttribute"/> with configuration over it — decided once at startup.</summary>
internal sealed class QueryCachePolicies
{
    private readonly FrozenDictionary<Type, QueryCachePolicy> _byType;

    public QueryCachePolicies(MessageRegistry registry, IOptions<QueryCachingOptions> options)
    {
        var settings = options.Value.Queries;
        _byType = registry.Messages
            .Where(m => m.Kind == MessageKind.Query)
            .Select(m => (m.MessageType, Policy: Resolve(m, settings.TryGetValue(m.Name, out var s) ? s : null)))
            .Where(p => p.Policy is not null)
            .ToFrozenDictionary(p => p.MessageType, p => p.Policy!);
    }

    /// <summary>The policy of a query type, or <see langword="null"/> when it is not cached.</summary>
    public QueryCachePolicy? For(Type queryType) => _byType.GetValueOrDefault(queryType);

    /// <summary>The attribute's values with each configured setting over them; <see langword="null"/> when neither says how long.</summary>
    public static QueryCachePolicy? Resolve(MessageDescriptor query, QueryCacheSettings? settings)
    {
        var attribute = query.MessageType.GetCustomAttribute<QueryCacheAttribute>();
        var duration = settings?.DurationSeconds ?? attribute?.DurationSeconds;
        if (duration is null)
        {
            return null;
        }

        var threshold = settings?.EagerRefreshThreshold ?? attribute?.EagerRefreshThreshold ?? 0;
        var failSafe = settings?.FailSafeMaxSeconds ?? attribute?.FailSafeMaxSeconds ?? 0;
        return new QueryCachePolicy(
            TimeSpan.FromSeconds(duration.Value),
            threshold > 0 ? (float)threshold : null,
            failSafe > 0 ? TimeSpan.FromSeconds(failSafe) : null,
            attribute?.Tags ?? [],
            attribute?.VaryByUser ?? false);
    }
}
