namespace ServerlessCqrs.Caching;

/// <summary>
/// A cached query whose results carry tags that depend on its fields (<c>order:{OrderId}</c>), so the
/// code that changes the data can invalidate exactly the results it made stale.
/// </summary>
public interface ICacheTagged
{
    /// <summary>The tags of this query's result. A method, not a property, so it is not part of the message's JSON.</summary>
    IEnumerable<string> GetCacheTags();
}
