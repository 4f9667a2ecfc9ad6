using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;
using ServerlessCqrs.Configuration;
using ZiggyCreatures.Caching.Fusion;

namespace ServerlessCqrs.Caching;

/// <summary>Query cache settings (<c>Cqrs:Caching</c>).</summary>
public sealed class QueryCachingOptions : ISettingKeys, IValidatableObject
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Cqrs:Caching";

    /// <summary>The name of the kernel's FusionCache instance, and the service key of its Redis cache and backplane.</summary>
    public const string CacheName = "ServerlessCqrs.Queries";

    /// <summary>
    /// The log category prefix of FusionCache and its Redis parts, logged at Warning and above unless
    /// <c>Logging:LogLevel:ZiggyCreatures.Caching.Fusion</c> says otherwise.
    /// </summary>
    public const string FusionCacheLogCategory = "ZiggyCreatures.Caching.Fusion";

    /// <summary>Per-query settings by query name; they override the queries' <see cref="QueryCacheAttribute"/>.</summary>
    public IDictionary<string, QueryCacheSettings> Queries { get; } = new Dictionary<string, QueryCacheSettings>(StringComparer.OrdinalIgnoreCase);

    /// <summary>Query results refreshed on an interval, so readers never wait for them.</summary>
    public IList<KeepWarmQuery> KeepWarm { get; } = [];

    /// <summary>
    /// A prefix for every cache key (default <c>cqrs</c>). Change it when a deployment changes result
    /// shapes, so instances of the new version do not read entries the old one wrote to Redis.
    /// </summary>
    [SettingPattern(@"^.*\S.*$", "must not be empty")]
    public string KeyPrefix { get; set; } = "cqrs";

    /// <summary>How long a read waits for Redis before it goes on without it (the write finishes in the background). Default 100 ms.</summary>
    [SettingRange(typeof(TimeSpan), "00:00:00.0000001", "10675199.02:48:05.4775807", Rule = "must be positive")]
    public TimeSpan DistributedCacheSoftTimeout { get; set; } = TimeSpan.FromMilliseconds(100);

    /// <summary>How long any Redis operation may take before it is abandoned. Default 1 second.</summary>
    public TimeSpan DistributedCacheHardTimeout { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>After a Redis failure, how long to stop trying it before trying again. Default 2 seconds.</summary>
    [SettingRange(typeof(TimeSpan), "00:00:00", "10675199.02:48:05.4775807", Rule = "must not be negative")]
    public TimeSpan DistributedCacheCircuitBreakerDuration { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>After a fail-safe activation, how long the stale result is served before the handler is tried again. Default 5 seconds.</summary>
    [SettingRange(typeof(TimeSpan), "00:00:01", "10675199.02:48:05.4775807", Rule = "must be at least 1 second")]
    public TimeSpan FailSafeThrottleDuration { get; set; } = TimeSpan.FromSeconds(5);

    string ISettingKeys.KeyOf(string property) => $"{SectionName}:{property}";

    IEnumerable<ValidationResult> IValidatableObject.Validate(ValidationContext validationContext)
    {
        if (DistributedCacheHardTimeout < DistributedCacheSoftTimeout)
        {
            yield return SettingFailure.Of(this, nameof(DistributedCacheHardTimeout), DistributedCacheHardTimeout, "must be at least DistributedCacheSoftTimeout");
        }
    }

    /// <summary>Applies the Redis timeouts to entry options (FusionCache's own defaults let an operation wait as long as Redis does).</summary>
    internal FusionCacheEntryOptions BoundDistributedWaits(FusionCacheEntryOptions options)
    {
        options.DistributedCacheSoftTimeout = DistributedCacheSoftTimeout;
        options.DistributedCacheHardTimeout = DistributedCacheHardTimeout;
        return options;
    }
}

/// <summary>Checks the settings that need no registry; <see cref="QueryCachingOptionsValidation"/> checks them against the registered queries.</summary>
[OptionsValidator]
internal sealed partial class QueryCachingOptionsValidator : IValidateOptions<QueryCachingOptions>;
