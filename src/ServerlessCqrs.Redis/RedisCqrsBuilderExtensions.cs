using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Caching.StackExchangeRedis;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ServerlessCqrs.Caching;
using ServerlessCqrs.Redis;
using ZiggyCreatures.Caching.Fusion.Backplane;
using ZiggyCreatures.Caching.Fusion.Backplane.StackExchangeRedis;

namespace ServerlessCqrs;

/// <summary>Adds Redis to the query cache.</summary>
public static class RedisCqrsBuilderExtensions
{
    /// <summary>
    /// When the connection string <paramref name="connectionStringName"/> (default <c>ConnectionStrings:Redis</c>)
    /// is set, Redis becomes the query cache's second level — results survive restarts and are shared
    /// between instances — and its backplane, so an invalidation on one instance clears the others'
    /// memory. When it is not set, the cache stays in memory. A <c>redis</c> health check reports
    /// <em>degraded</em> while Redis is unreachable.
    /// </summary>
    public static CqrsBuilder AddRedisQueryCache(this CqrsBuilder builder, string connectionStringName = "Redis")
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.TryAddSingleton(sp => sp.GetRequiredService<IConfiguration>().GetConnectionString(connectionStringName) is { Length: > 0 } connectionString
            ? new RedisConnection(connectionString)
            : null!);

        // FusionCache takes these by its name; null (no connection string) leaves it on memory alone.
        services.TryAddKeyedSingleton<IDistributedCache>(QueryCachingOptions.CacheName, (sp, _) =>
            sp.GetService<RedisConnection>() is { } connection
                ? new RedisCache(Options.Create(new RedisCacheOptions { ConnectionMultiplexerFactory = connection.ConnectAsync }))
                : null!);
        services.TryAddKeyedSingleton<IFusionCacheBackplane>(QueryCachingOptions.CacheName, (sp, _) =>
            sp.GetService<RedisConnection>() is { } connection
                ? new RedisBackplane(
                    Options.Create(new RedisBackplaneOptions { ConnectionMultiplexerFactory = connection.ConnectAsync }),
                    sp.GetRequiredService<ILogger<RedisBackplane>>())
                : null!);

        services.AddHealthChecks().Add(new HealthCheckRegistration(
            "redis",
            sp => sp.GetService<RedisConnection>() is { } connection ? new RedisHealthCheck(connection) : new NotConfiguredHealthCheck(),
            failureStatus: null,
            tags: null));
        return builder;
    }
}
