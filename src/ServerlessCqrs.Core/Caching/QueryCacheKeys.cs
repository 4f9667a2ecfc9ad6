using System.Buffers;
using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;
using ServerlessCqrs.Registry;
using ServerlessCqrs.Security;

namespace ServerlessCqrs.Caching;

/// <summary>
/// Cache keys and tags. A query's key is its name and a hash of its JSON, so it is the same in every
/// process; tags (which hold ids, like <c>order:{id}</c>) are hashed too, so no field value ever
/// appears in Redis, in logs or in traces. The hash is SHA-256 (truncated to 128 bits), not a faster
/// non-cryptographic one: a caller must not be able to craft a query whose key is another's.
/// A query's properties are written in their declared order, the same for every instance of it; only
/// when its contract holds members whose order comes from the data (dictionaries, <c>object</c>, JSON
/// values) is the JSON parsed and written again with every object's properties sorted. Hits pay one
/// serialisation into a per-thread buffer, one hash and the key string. An instance serves one query type.
/// Keys and tags of a tenant-scoped query hash the tenant id in first, so tenants never share an entry.
/// </summary>
internal sealed class QueryCacheKeys(MessageDescriptor query)
{
    private const int HashBytes = 16;
    private static readonly int HashChars = Base64Url.GetEncodedLength(HashBytes);

    [ThreadStatic]
    private static ArrayBufferWriter<byte>? t_buffer;

    [ThreadStatic]
    private static Utf8JsonWriter? t_writer;

    /// <summary>Whether the query's JSON is parsed and written again sorted (decided once, from its contract).</summary>
    public bool NeedsSorting { get; } = HasDataOrderedMembers(query.JsonTypeInfo, []);

    /// <summary>Whether results are cached per tenant: unless the query type is <see cref="TenantIndependentAttribute"/>.</summary>
    public bool IsTenantScoped { get; } = !query.MessageType.IsDefined(typeof(TenantIndependentAttribute), inherit: false);

    /// <summary>
    /// <c>q:{QueryName}:{hash}</c>, the hash taken over <paramref name="tenantId"/> (when the query is scoped
    /// per tenant), <paramref name="userId"/> (when given: a query cached per user) and the query's JSON; the
    /// cache adds the configured prefix.
    /// </summary>
    public string For(object value, string tenantId, string? userId = null)
    {
        var buffer = t_buffer ??= new ArrayBufferWriter<byte>(256);
        var writer = t_writer ??= new Utf8JsonWriter(buffer);
        buffer.ResetWrittenCount();
        WriteId(buffer, IsTenantScoped ? tenantId : null);
        if (userId is not null)
        {
            buffer.Write("u:"u8);
            WriteId(buffer, userId);
        }

        writer.Reset(buffer);
        if (NeedsSorting)
        {
            using var document = JsonSerializer.SerializeToDocument(value, query.JsonTypeInfo);
            WriteCanonical(document.RootElement, writer);
        }
        else
        {
            JsonSerializer.Serialize(writer, value, query.JsonTypeInfo);
        }

        writer.Flush();
        Span<char> hash = stackalloc char[HashChars];
        Hash(buffer.WrittenSpan, hash);
        return string.Concat("q:", query.Name, ":", hash);
    }

    /// <summary>The stored form of a tag a query's value gives (<see cref="ICacheTagged"/>), within the tenant when the query is scoped per tenant.</summary>
    public string DataTag(string tag, string tenantId) => Tag(tag, IsTenantScoped ? tenantId : null);

    /// <summary>The tag every result of a query type carries, to invalidate them all.</summary>
    public static string TypeTag(string queryName) => Tag("query:" + queryName);

    /// <summary>The form of a tag the cache stores; within <paramref name="tenant"/> when given.</summary>
    public static string Tag(string tag, string? tenant = null)
    {
        var buffer = new ArrayBufferWriter<byte>(64);
        WriteId(buffer, tenant);
        Encoding.UTF8.GetBytes(tag, buffer);
        Span<char> hash = stackalloc char[HashChars];
        Hash(buffer.WrittenSpan, hash);
        return string.Concat("t:", hash);
    }

    /// <summary>The id and a NUL (which neither an id nor JSON holds), so no tenant's or user's text can pose as another's.</summary>
    private static void WriteId(ArrayBufferWriter<byte> buffer, string? id)
    {
        if (id is not null)
        {
            Encoding.UTF8.GetBytes(id, buffer);
            buffer.Write([(byte)0]);
        }
    }

    /// <summary>The first <see cref="HashBytes"/> bytes of the data's SHA-256, base64url, into <paramref name="destination"/>.</summary>
    private static void Hash(ReadOnlySpan<byte> data, Span<char> destination)
    {
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(data, hash);
        Base64Url.EncodeToChars(hash[..HashBytes], destination);
    }

    /// <summary>Whether the JSON of this contract can differ in member order for equal values.</summary>
    private static bool HasDataOrderedMembers(JsonTypeInfo info, HashSet<Type> seen)
    {
        if (!seen.Add(info.Type))
        {
            return false;
        }

        if (info.Type == typeof(object) || typeof(JsonNode).IsAssignableFrom(info.Type)
            || info.Type == typeof(JsonElement) || info.Type == typeof(JsonDocument) || info.PolymorphismOptions is not null)
        {
            return true;
        }

        return info.Kind switch
        {
            JsonTypeInfoKind.Dictionary => true,
            JsonTypeInfoKind.Enumerable => HasDataOrderedMembers(info.Options.GetTypeInfo(info.ElementType!), seen),
            JsonTypeInfoKind.Object => info.Properties.Any(p => HasDataOrderedMembers(info.Options.GetTypeInfo(p.PropertyType), seen)),
            _ => Nullable.GetUnderlyingType(info.Type) is { } underlying && HasDataOrderedMembers(info.Options.GetTypeInfo(underlying), seen),
        };
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
