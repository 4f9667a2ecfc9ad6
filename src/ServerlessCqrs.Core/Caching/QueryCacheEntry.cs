using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace ServerlessCqrs.Caching;

/// <summary>A cached result, when it was produced (for <c>Age</c> and for telling hit, stale and miss apart) and its ETag.</summary>
/// <typeparam name="T">The query's result type.</typeparam>
/// <param name="Value">The result.</param>
/// <param name="CreatedAt">When the handler produced it.</param>
/// <param name="ETag">
/// The <see cref="ResultETags">strong validator</see> of this result, made once when it is stored instead of on every
/// hit. Null for entries stored before it existed.
/// </param>
internal sealed record QueryCacheEntry<T>(T Value, DateTimeOffset CreatedAt, string? ETag = null)
{
    /// <param name="value">The result.</param>
    /// <param name="createdAt">When the handler produced it.</param>
    /// <param name="json">The contract the result is written with, which its ETag hashes.</param>
    public static QueryCacheEntry<T> Create(T value, DateTimeOffset createdAt, JsonTypeInfo<T> json) =>
        new(value, createdAt, ResultETags.Of(JsonSerializer.SerializeToUtf8Bytes(value, json)));
}
