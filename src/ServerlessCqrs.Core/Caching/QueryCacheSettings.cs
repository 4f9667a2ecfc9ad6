namespace ServerlessCqrs.Caching;

/// <summary>
/// One query's cache settings from <c>Cqrs:Caching:Queries:{QueryName}</c>; each one that is set
/// overrides the query's <see cref="QueryCacheAttribute"/>.
/// </summary>
public sealed class QueryCacheSettings
{
    /// <summary>How long a result stays fresh, in seconds; 0 means no-store.</summary>
    public int? DurationSeconds { get; set; }

    /// <summary>The fraction of the duration after which reads refresh in the background; 0 turns it off.</summary>
    public double? EagerRefreshThreshold { get; set; }

    /// <summary>How old a result may be and still be served when the handler fails, in seconds; 0 turns it off.</summary>
    public int? FailSafeMaxSeconds { get; set; }
}
