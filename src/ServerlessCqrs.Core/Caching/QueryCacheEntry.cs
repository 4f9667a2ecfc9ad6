namespace ServerlessCqrs.Caching;

/// <summary>A cached result and when it was produced (for <c>Age</c> and for telling hit, stale and miss apart).</summary>
/// <typeparam name="T">The query's result type.</typeparam>
/// <param name="Value">The result.</param>
/// <param name="CreatedAt">When the handler produced it.</param>
internal sealed record QueryCacheEntry<T>(T Value, DateTimeOffset CreatedAt);
