using System.Buffers;
using System.Security.Cryptography;
using System.Text.Json;
using ServerlessCqrs.Registry;

namespace ServerlessCqrs.Caching;

/// <summary>
/// Cache keys and tags. A query's key is its name and a hash of the canonical JSON of its fields
/// (object properties sorted by name at every level), so it is the same in every process and for
/// any property order, and no field value ever appears in Redis, logs or traces.
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

        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(canonical.WrittenSpan, hash);
        return $"q:{descriptor.Name}:{Convert.ToBase64String(hash[..HashBytes]).TrimEnd('=').Replace('+', '-').Replace('/', '_')}";
    }

    /// <summary>The tag every result of a query type carries, to invalidate them all.</summary>
    public static string TypeTag(string queryName) => "query:" + queryName;

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
