using System.Text.Json;
using System.Text.Json.Serialization;
using ServerlessCqrs.Http.Responses;

namespace ServerlessCqrs.Http.Idempotency;

/// <summary>A response as an idempotency store keeps it: status, content type, headers and body, as JSON.</summary>
internal static class StoredOutcomes
{
    public static byte[] Write(HttpOutcome outcome) => JsonSerializer.SerializeToUtf8Bytes(
        new StoredOutcome(outcome.StatusCode, outcome.ContentType, [.. outcome.Headers.Select(h => new[] { h.Key, h.Value })], outcome.Body.ToArray()),
        StoredOutcomeJson.Default.StoredOutcome);

    public static HttpOutcome Read(ReadOnlyMemory<byte> stored)
    {
        var outcome = JsonSerializer.Deserialize(stored.Span, StoredOutcomeJson.Default.StoredOutcome)!;
        return new HttpOutcome(outcome.Status, outcome.ContentType, outcome.Body)
        {
            Headers = [.. outcome.Headers.Select(h => KeyValuePair.Create(h[0], h[1]))],
        };
    }
}

internal sealed record StoredOutcome(int Status, string? ContentType, string[][] Headers, byte[] Body);

[JsonSerializable(typeof(StoredOutcome))]
internal sealed partial class StoredOutcomeJson : JsonSerializerContext;
