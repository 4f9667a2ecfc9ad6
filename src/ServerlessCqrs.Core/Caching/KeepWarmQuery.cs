namespace ServerlessCqrs.Caching;

/// <summary>A query result kept in the cache by refreshing it on an interval (<c>Cqrs:Caching:KeepWarm:{n}</c>).</summary>
public sealed class KeepWarmQuery
{
    /// <summary>The query's name.</summary>
    public string Query { get; set; } = "";

    /// <summary>The query's fields as a JSON object (<c>{"customerId":"c-1"}</c>); empty for a query without fields.</summary>
    public string Arguments { get; set; } = "";

    /// <summary>How often the result is refreshed (default one minute).</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromMinutes(1);
}
