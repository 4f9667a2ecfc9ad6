using System.Text.Json.Serialization.Metadata;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ServerlessCqrs.Diagnostics;
using ServerlessCqrs.Pipeline;
using ServerlessCqrs.Registry;
using ServerlessCqrs.Security;
using ZiggyCreatures.Caching.Fusion;

namespace ServerlessCqrs.Caching;

/// <summary>
/// Caches a query's successful results by its policy, between validation and resilience: hits skip
/// the handler and its retries. The handler always runs in a scope of its own, because with
/// stale-while-revalidate it may run after the request that triggered it has ended. Failures
/// (<see cref="Result{T}"/> errors) are returned, never cached; no-store queries share concurrent
/// identical executions and keep nothing. How the cache answered goes into the dispatch's features as a
/// <see cref="QueryCacheStatus"/>; a <see cref="QueryCacheRefresh"/> there makes it run the handler and overwrite.
/// Results are cached per tenant of the caller unless the query is <see cref="TenantIndependentAttribute"/>.
/// </summary>
internal sealed class QueryCachingBehavior<TQuery, TResult> : IMessageBehavior<TQuery, Result<TResult>>
    where TQuery : IQuery<TResult>
{
    private readonly QueryCachePolicy? _policy;
    private readonly FusionCacheEntryOptions? _entryOptions;
    private readonly FusionCacheEntryOptions? _refreshOptions;
    private readonly string[] _fixedTags = [];
    private readonly SingleFlight<Result<TResult>> _inFlight = new();
    private readonly QueryCacheKeys _keys;
    private readonly JsonTypeInfo<TResult> _resultJson;
    private readonly QueryCacheStatus? _bypass;
    private readonly QueryCacheStatus? _unstoredMiss;
    private readonly QueryCacheStore _store;
    private readonly IServiceScopeFactory _scopes;
    private readonly CqrsMetrics _metrics;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    public QueryCachingBehavior(
        MessageRegistry registry,
        QueryCachePolicies policies,
        QueryCacheStore store,
        IServiceScopeFactory scopes,
        CqrsMetrics metrics,
        TimeProvider time,
        ILoggerFactory loggers)
    {
        _policy = policies.For(typeof(TQuery));
        _store = store;
        _scopes = scopes;
        _metrics = metrics;
        _time = time;
        _logger = loggers.CreateLogger(CqrsDiagnostics.LogCategories.Queries);
        var descriptor = registry.GetByType(typeof(TQuery));
        _keys = store.KeysOf(descriptor);
        _resultJson = (JsonTypeInfo<TResult>)registry.SerializerOptions.GetTypeInfo(typeof(TResult));
        if (_policy is not null)
        {
            _bypass = new(CacheOutcome.Bypass, TimeSpan.Zero, _policy, FailSafe: false);
            _unstoredMiss = new(CacheOutcome.Miss, TimeSpan.Zero, _policy, FailSafe: false);
        }

        if (_policy is { IsNoStore: false })
        {
            _entryOptions = store.EntryOptions(_policy);
            _refreshOptions = store.EntryOptions(_policy, refresh: true);
            _fixedTags = [QueryCacheKeys.TypeTag(descriptor.Name), .. _policy.Tags.Select(tag => QueryCacheKeys.Tag(tag))];
        }
    }

    public ValueTask<Result<TResult>> HandleAsync(
        TQuery message, MessageContext context, MessageHandlerDelegate<TQuery, Result<TResult>> next, CancellationToken cancellationToken) =>
        _policy is null ? next(message, context, cancellationToken) : HandleCachedAsync(message, context, next, _policy, cancellationToken);

    private async ValueTask<Result<TResult>> HandleCachedAsync(
        TQuery query, MessageContext context, MessageHandlerDelegate<TQuery, Result<TResult>> next, QueryCachePolicy policy, CancellationToken cancellationToken)
    {
        var caller = context.Caller;
        var tenant = caller.TenantId;
        var key = _keys.For(query, tenant, policy.VaryByUser ? UserScope(caller) : null);
        if (policy.IsNoStore)
        {
            var shared = await _inFlight.RunAsync(key, () => RunInOwnScopeAsync(query, context, next, CancellationToken.None), cancellationToken)
                .ConfigureAwait(false);
            Report(context, _bypass!);
            return shared;
        }

        var startedAt = _time.GetUtcNow();
        Error? error = null;
        var failed = false;
        var entry = await _store.Cache.GetOrSetAsync<QueryCacheEntry<TResult>?>(
            key,
            async (factory, token) =>
            {
                // Tags are hashed here, when a result is stored, not on every hit.
                var tags = TagsOf(query, tenant);
                factory.Tags = tags;
                var runStartedAt = _time.GetUtcNow();
                Result<TResult> result;
                try
                {
                    result = await RunInOwnScopeAsync(query, context, next, token).ConfigureAwait(false);
                }
                catch
                {
                    failed = true;
                    throw;
                }

                if (!result.TryGetValue(out var value))
                {
                    error = result.Error;
                    SkipWrites(factory.Options);
                    return null;
                }

                if (await _store.InvalidatedSinceAsync(runStartedAt, key, tags, token).ConfigureAwait(false))
                {
                    // An invalidation happened while the handler ran: this result may predate the
                    // change, so it is returned to this caller but not stored.
                    SkipWrites(factory.Options);
                }

                return QueryCacheEntry<TResult>.Create(value, _time.GetUtcNow(), _resultJson);
            },
            options: context.FeatureOrDefault<QueryCacheRefresh>() is null ? _entryOptions : _refreshOptions,
            token: cancellationToken).ConfigureAwait(false);

        if (entry is null)
        {
            Report(context, _unstoredMiss!);
            return error!;
        }

        var status = StatusOf(entry, startedAt, failed, policy);
        if (status.FailSafe)
        {
            _metrics.QueryCacheFailSafeActivations.Add(1, new KeyValuePair<string, object?>(CqrsDiagnostics.Tags.MessageType, context.Message.Name));
            CachingLog.FailSafe(_logger, context.Message.Name, context.HandlerName, status.Age.TotalMilliseconds);
        }

        Report(context, status);
        return entry.Value;
    }

    private QueryCacheStatus StatusOf(QueryCacheEntry<TResult> entry, DateTimeOffset startedAt, bool failed, QueryCachePolicy policy)
    {
        if (entry.CreatedAt >= startedAt)
        {
            return new(CacheOutcome.Miss, TimeSpan.Zero, policy, FailSafe: false, entry.ETag);
        }

        var age = _time.GetUtcNow() - entry.CreatedAt;
        if (age >= policy.Duration)
        {
            // Only fail-safe serves a result past its duration: now, or within the throttle window of an earlier activation.
            return new(CacheOutcome.Stale, age, policy, FailSafe: failed, entry.ETag);
        }

        var refreshesAt = policy.EagerRefreshThreshold is { } threshold ? policy.Duration * threshold : policy.Duration;
        return new(age >= refreshesAt ? CacheOutcome.Stale : CacheOutcome.Hit, age, policy, FailSafe: false, entry.ETag);
    }

    private void Report(MessageContext context, QueryCacheStatus status)
    {
        context.Features.Set(status);
        if (_metrics.QueryCacheRequests.Enabled)
        {
            _metrics.QueryCacheRequests.Add(
                1,
                new KeyValuePair<string, object?>(CqrsDiagnostics.Tags.MessageType, context.Message.Name),
                new KeyValuePair<string, object?>(CqrsDiagnostics.Tags.CacheOutcome, status.Outcome.ToTagValue()));
        }
    }

    /// <summary>The user a per-user entry belongs to; the service and anonymous callers each share one.</summary>
    private static string UserScope(MessageCaller caller) => caller.IsService ? "service" : caller.UserId is { } user ? "user:" + user : "anonymous";

    private string[] TagsOf(TQuery query, string tenant) =>
        query is ICacheTagged tagged ? [.. _fixedTags, .. tagged.GetCacheTags().Select(tag => _keys.DataTag(tag, tenant))] : _fixedTags;

    private async Task<Result<TResult>> RunInOwnScopeAsync(
        TQuery query, MessageContext context, MessageHandlerDelegate<TQuery, Result<TResult>> next, CancellationToken cancellationToken)
    {
        var scope = _scopes.CreateAsyncScope();
        await using (scope.ConfigureAwait(false))
        {
            var inner = context.WithServices(scope.ServiceProvider);

            // A refresh may run after the request has ended: it still runs for the request's caller.
            using var caller = MessageCaller.Use(context.Caller);
            try
            {
                return await next(query, inner, cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                // The caller's span and log report the retries the handler needed.
                context.Attempt = inner.Attempt;
            }
        }
    }

    private static void SkipWrites(FusionCacheEntryOptions options)
    {
        options.SkipMemoryCacheWrite = true;
        options.SkipDistributedCacheWrite = true;
    }
}
