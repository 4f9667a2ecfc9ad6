using System.Collections.Concurrent;
using System.Text.Json.Nodes;

namespace ServerlessCqrs.Ops.Tests.StandIn;

/// <summary>What the stand-in holds for its organization: streams with their records, destinations, templates, alerts, dashboards.</summary>
public sealed class StandInState
{
    public ConcurrentDictionary<(string Type, string Name), StoredStream> Streams { get; } = new();

    public ConcurrentDictionary<string, JsonObject> Destinations { get; } = new(StringComparer.Ordinal);

    public ConcurrentDictionary<string, JsonObject> Templates { get; } = new(StringComparer.Ordinal);

    public ConcurrentDictionary<string, JsonObject> Alerts { get; } = new(StringComparer.Ordinal);

    public ConcurrentDictionary<string, StoredDashboard> Dashboards { get; } = new(StringComparer.Ordinal);

    /// <summary>The stream, made on first ingest as OpenObserve does.</summary>
    public StoredStream StreamFor(string type, string name) => Streams.GetOrAdd((type, name), key => new StoredStream(key.Name, key.Type));
}

/// <summary>A stream: its declared schema, settings and records (flattened, named as OpenObserve names them).</summary>
public sealed class StoredStream(string name, string type)
{
    private readonly ConcurrentQueue<JsonObject> _records = new();

    public string Name { get; } = name;

    public string Type { get; } = type;

    /// <summary>Field name to OpenObserve type; <c>_timestamp</c> is always there.</summary>
    public ConcurrentDictionary<string, string> Schema { get; } = new(StringComparer.Ordinal) { ["_timestamp"] = "Int64" };

    public JsonObject Settings { get; set; } = new();

    public IReadOnlyList<JsonObject> Records => [.. _records];

    public void Add(JsonObject record)
    {
        foreach (var (field, value) in record)
        {
            Schema.TryAdd(field, value?.GetValueKind() switch
            {
                System.Text.Json.JsonValueKind.Number => value.ToJsonString().Contains('.', StringComparison.Ordinal) ? "Float64" : "Int64",
                System.Text.Json.JsonValueKind.True or System.Text.Json.JsonValueKind.False => "Boolean",
                _ => "Utf8",
            });
        }

        _records.Enqueue(record);
    }

    public JsonObject ToJson(bool withSchema) => new()
    {
        ["name"] = Name,
        ["storage_type"] = "disk",
        ["stream_type"] = Type,
        ["stats"] = new JsonObject { ["doc_num"] = _records.Count },
        ["schema"] = withSchema ? new JsonArray([.. Schema.Select(f => (JsonNode)new JsonObject { ["name"] = f.Key, ["type"] = f.Value })]) : new JsonArray(),
        ["settings"] = Settings.DeepClone(),
        ["total_fields"] = Schema.Count,
    };
}

/// <summary>A dashboard with the folder it is in and the hash an update must quote.</summary>
public sealed record StoredDashboard(string Id, string Folder, JsonObject V8, string Hash, long UpdatedAt)
{
    public JsonObject ToJson()
    {
        var json = new JsonObject();
        for (var version = 1; version <= 7; version++)
        {
            json[$"v{version}"] = null;
        }

        json["v8"] = V8.DeepClone();
        json["version"] = 8;
        json["hash"] = Hash;
        json["updatedAt"] = UpdatedAt;
        return json;
    }

    public JsonObject ToListItem() => new()
    {
        ["dashboard_id"] = Id,
        ["folder_id"] = Folder,
        ["folder_name"] = Folder == "default" ? "default" : Folder,
        ["title"] = (string?)V8["title"],
        ["description"] = (string?)V8["description"],
        ["owner"] = "root@example.com",
        ["role"] = "",
        ["created"] = UpdatedAt,
        ["version"] = 8,
        ["hash"] = Hash,
        ["updatedAt"] = UpdatedAt,
        ["v8"] = V8.DeepClone(),
    };
}
