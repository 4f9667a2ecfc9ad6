using System.Buffers;
using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using ServerlessCqrs.Registry;

namespace ServerlessCqrs.Caching;

/// <summary>
/// Cache keys and tags. A query's key is its name and a hash of the canonical JSON of its fields
/// (object properties sorted by name at every level), so it is the same in every process and for
/// any property order. Tags (which hold ids, like <c>order:{id}</c>) are hashed too, so no field value
/// ever appears in Redis, in logs or in traces.
/// </summary>
internal static class QueryCacheKeys
{
    private const int HashBytes = 16;

    /// <summary><c>q:{QueryName}:{hash}</c>; the cache adds the configured prefix.</summary>
    public static string For(MessageDescriptor descriptor, object query)
    {
        var json = JsonSerializer.SerializeToUtf8Bytes(query, descriptor.JsonTypeInfo);
        using var document = JsonDocument.Parse(json);
        var canonical = new ArrayBufferWriter<byte>(json.Length);
        using (var writer = new Utf8JsonWriter(canonical))
        {
            WriteCanonical(document.RootElement, writer);
        }

        return $"q:{descriptor.Name}:{Hash(canonical.WrittenSpan)}";
    }

    /// <summary>The tag every result of a query type carries, to invalidate them all.</summary>
    public static string TypeTag(string queryName) => Tag("query:" + queryName);

    /// <summary>The form of a tag the cache stores.</summary>
    public static string Tag(string tag) => "t:" + Hash(Encoding.UTF8.GetBytes(tag));

    private static string Hash(ReadOnlySpan<byte> data)
    {
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(data, hash);
        return Base64Url.EncodeToString(hash[..HashBytes]);
    }

    private static void WriteCanonical(JsonElement element, Utf8JsonWriter writer)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                writer.WriteStartObject();
                foreach (var property in element.EnumerateObject().OrderBy(p => p.Name, StringComparer.Ordinal))
                {
                    writer.WritePropertyName(property.Name);
                    WriteCanonical(property.Value, writer);
                }

                writer.WriteEndObject();
                break;
            case JsonValueKind.Array:
                writer.WriteStartArray();
                foreach (var item in element.EnumerateArray())
                {
                    WriteCanonical(item, writer);
                }

                writer.WriteEndArray();
                break;
            default:
                element.WriteTo(writer);
                break;
        }
    }
}
