using System.Buffers.Text;
using System.Security.Cryptography;

namespace ServerlessCqrs.Caching;

/// <summary>
/// The strong validator (<c>ETag</c>) of a result: the first 128 bits of the SHA-256 of its JSON, base64url, quoted.
/// Derived from the content, so the same answer has the same ETag whether it was cached, recomputed after an
/// invalidation, or never cached — a client's <c>If-None-Match</c> stays good until the answer really changes.
/// </summary>
public static class ResultETags
{
    private const int Bytes = 16;

    /// <summary>The ETag of a result written as <paramref name="json"/>.</summary>
    public static string Of(ReadOnlySpan<byte> json)
    {
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(json, hash);
        return $"\"{Base64Url.EncodeToString(hash[..Bytes])}\"";
    }
}
