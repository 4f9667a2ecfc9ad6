using System.Text.Json.Nodes;

namespace ServerlessCqrs.Ops.OpenObserve.Provisioning;

/// <summary>A stream OpenObserve should have: its stored name and type, the fields it declares and its settings.</summary>
/// <param name="Name">The stored (formatted) name.</param>
/// <param name="Type"><c>logs</c>, <c>metrics</c> or <c>traces</c>.</param>
/// <param name="Fields">Declared fields and their OpenObserve types (<c>Utf8</c>, <c>Int64</c>, <c>Float64</c>, <c>Boolean</c>).</param>
/// <param name="RetentionDays">How long data is kept.</param>
/// <param name="BloomFilterFields">Fields looked up by exact value (ids).</param>
internal sealed record StreamSpec(string Name, string Type, IReadOnlyList<StreamField> Fields, int RetentionDays, IReadOnlyList<string> BloomFilterFields)
{
    /// <summary>The body that creates it (<c>POST /api/{org}/streams/{name}?type=</c>).</summary>
    public JsonObject CreateBody() => new()
    {
        ["fields"] = new JsonArray([.. Fields.Select(f => (JsonNode)new JsonObject { ["name"] = f.Name, ["type"] = f.Type })]),
        ["settings"] = new JsonObject
        {
            ["data_retention"] = RetentionDays,
            ["bloom_filter_fields"] = new JsonArray([.. BloomFilterFields.Select(f => (JsonNode)f)]),
        },
    };
}

/// <summary>A declared field.</summary>
/// <param name="Name">The stored (formatted) name.</param>
/// <param name="Type">The OpenObserve type.</param>
internal sealed record StreamField(string Name, string Type);
