using System.Buffers.Text;
using System.Security.Cryptography;

namespace ServerlessCqrs.Caching;

/// <summary>A cached result, when it was produced (for <c>Age</c> and for telling hit, stale and miss apart) and its ETag.</summary>
/// <typeparam name="T">The query's result type.</typeparam>
/// <param name="Value">The result.</param>
/// <param name="CreatedAt">When the handler produced it.</param>
/// <param name="ETag">
/// A strong validator of this result, made once when it is stored (random, so no two results share
/// one) instead of hashing the response on every hit. Null for entries stored before it existed.
/// </param>
internal sealed record QueryCacheEntry<T>(T Value, DateTimeOffset CreatedAt, string? ETag = null)
{
    private const int ETagBytes = 16;

    public static QueryCacheEntry<T> Create(T value, DateTimeOffset createdAt)
    {
        Span<byte> random = stackalloc byte[ETagBytes];
        RandomNumberGenerator.Fill(random);
        return new(value, createdAt, $"\"{Base64Url.EncodeToString(random)}\"");
    }
}
