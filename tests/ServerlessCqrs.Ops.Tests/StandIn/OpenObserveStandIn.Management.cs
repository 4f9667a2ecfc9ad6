using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using ServerlessCqrs.Ops.OpenObserve;

namespace ServerlessCqrs.Ops.Tests.StandIn;

/// <summary>
/// Streams, alert templates and destinations, v2 alerts and dashboards, with the checks OpenObserve makes
/// and in its order (see <c>Contracts/openobserve/README.md</c>).
/// </summary>
public sealed partial class OpenObserveStandIn
{
    private static readonly Dictionary<string, string> FieldTypes = new(StringComparer.OrdinalIgnoreCase)
    {
        ["utf8"] = "Utf8", ["largeutf8"] = "LargeUtf8", ["int64"] = "Int64", ["uint64"] = "UInt64", ["float64"] = "Float64", ["boolean"] = "Boolean",
    };

    private static readonly string[] StreamTypes = ["logs", "metrics", "traces"];

    private void MapManagement(WebApplication app)
    {
        app.MapGet("/api/{org}/streams", (HttpContext c) =>
        {
            var type = c.Request.Query["type"].ToString();
            var fetchSchema = c.Request.Query["fetchSchema"].ToString();
            if (fetchSchema is not ("" or "true" or "false"))
            {
                return Error(400, "fetchSchema must be true or false");
            }

            var list = State.Streams.Values.Where(s => type.Length == 0 || s.Type == type).OrderBy(s => s.Name, StringComparer.Ordinal)
                .Select(s => (JsonNode)s.ToJson(fetchSchema == "true")).ToArray();
            return Json(200, new JsonObject { ["list"] = new JsonArray(list), ["total"] = list.Length });
        });
        app.MapPost("/api/{org}/streams/{name}", (HttpContext c, string name) => CreateStreamAsync(c, name));
        app.MapPut("/api/{org}/streams/{name}/settings", (HttpContext c, string name) => UpdateStreamAsync(c, name));

        MapNamed(app, "templates", "template", "Template");
        MapNamed(app, "destinations", "destination", "Destination");

        app.MapGet("/api/v2/{org}/alerts", (HttpContext c) =>
        {
            var substring = c.Request.Query["alert_name_substring"].ToString();
            var folder = FolderOf(c);
            var list = State.Alerts.Values.Where(a => (string?)a["folder_id"] == folder && ((string)a["name"]!).Contains(substring, StringComparison.OrdinalIgnoreCase))
                .Select(a => (JsonNode)new JsonObject
                {
                    ["alert_id"] = a["id"]?.DeepClone(), ["folder_id"] = folder, ["folder_name"] = folder, ["name"] = a["name"]?.DeepClone(),
                    ["owner"] = User, ["description"] = a["description"]?.DeepClone(), ["alert_type"] = a["query_condition"]?["type"]?.DeepClone(),
                    ["trigger_condition"] = a["trigger_condition"]?.DeepClone(), ["enabled"] = a["enabled"]?.DeepClone(), ["is_real_time"] = a["is_real_time"]?.DeepClone(),
                }).ToArray();
            return Json(200, new JsonObject { ["list"] = new JsonArray(list) });
        });
        app.MapGet("/api/v2/{org}/alerts/{id}", (string id) =>
            State.Alerts.TryGetValue(id, out var alert) ? Json(200, alert.DeepClone()) : Error(404, "Alert not found"));
        app.MapPost("/api/v2/{org}/alerts", (Delegate)((HttpContext c) => SaveAlertAsync(c, null)));
        app.MapPut("/api/v2/{org}/alerts/{id}", (HttpContext c, string id) => SaveAlertAsync(c, id));

        app.MapGet("/api/{org}/dashboards", (HttpContext c) =>
        {
            var folder = FolderOf(c);
            var list = State.Dashboards.Values.Where(d => d.Folder == folder).Select(d => (JsonNode)d.ToListItem()).ToArray();
            return Json(200, new JsonObject { ["dashboards"] = new JsonArray(list) });
        });
        app.MapGet("/api/{org}/dashboards/{id}", (string id) =>
            State.Dashboards.TryGetValue(id, out var dashboard) ? Json(200, dashboard.ToJson()) : Error(404, "Dashboard not found"));
        app.MapPost("/api/{org}/dashboards", (Delegate)((HttpContext c) => SaveDashboardAsync(c, null)));
        app.MapPut("/api/{org}/dashboards/{id}", (HttpContext c, string id) => SaveDashboardAsync(c, id));
    }

    private async Task<IResult> CreateStreamAsync(HttpContext context, string name)
    {
        var type = StreamTypeOf(context);
        var (body, rejection) = await ReadAsync(context, "stream-create");
        if (rejection is not null)
        {
            return rejection;
        }

        name = OpenObserveNames.Stream(name);
        if (State.Streams.ContainsKey((type, name)))
        {
            return Error(400, "stream already exists");
        }

        if (UnknownType(body!["fields"]) is { } unknown)
        {
            return Error(400, $"invalid data type: {unknown}");
        }

        var stream = State.StreamFor(type, name);
        AddFields(stream, body["fields"]);
        stream.Settings = (JsonObject)body["settings"]!.DeepClone();
        return Ok("stream created");
    }

    private async Task<IResult> UpdateStreamAsync(HttpContext context, string name)
    {
        var type = StreamTypeOf(context);
        var (body, rejection) = await ReadAsync(context, "stream-settings-update");
        if (rejection is not null)
        {
            return rejection;
        }

        if (!State.Streams.TryGetValue((type, OpenObserveNames.Stream(name)), out var stream))
        {
            return Error(404, "stream not found");
        }

        if (UnknownType(body!["fields"]?["add"]) is { } unknown)
        {
            return Error(500, $"invalid data type: {unknown}");
        }

        AddFields(stream, body["fields"]?["add"]);
        var settings = (JsonObject)stream.Settings.DeepClone();
        foreach (var (key, value) in body.Where(p => p.Key != "fields"))
        {
            if (value is JsonObject { } change && (change.ContainsKey("add") || change.ContainsKey("remove")))
            {
                var removed = (change["remove"] as JsonArray ?? []).Select(v => v?.ToJsonString()).ToHashSet();
                var kept = (settings[key] as JsonArray ?? []).Where(v => !removed.Contains(v?.ToJsonString()));
                var added = (change["add"] as JsonArray ?? []).Where(v => !kept.Any(k => JsonNode.DeepEquals(k, v)));
                settings[key] = new JsonArray([.. kept.Concat(added).Select(v => v?.DeepClone())]);
            }
            else
            {
                settings[key] = value?.DeepClone();
            }
        }

        stream.Settings = settings;
        return Ok("");
    }

    /// <summary>Templates and destinations: listed as a bare array, created by POST (400 if the name is taken), updated by PUT to the name.</summary>
    private void MapNamed(WebApplication app, string route, string contract, string noun)
    {
        var store = route == "templates" ? State.Templates : State.Destinations;
        app.MapGet($"/api/{{org}}/alerts/{route}", () => Json(200, new JsonArray([.. store.Values.OrderBy(v => (string?)v["name"]).Select(v => v.DeepClone())])));
        app.MapPost($"/api/{{org}}/alerts/{route}", async (HttpContext c) =>
        {
            var (body, rejection) = await ReadAsync(c, contract);
            var name = ((string?)body?["name"])?.Trim() ?? "";
            if ((rejection ?? NamedRejection(noun, body!, name)) is { } refused)
            {
                return refused;
            }

            if (!store.TryAdd(name, Stored(body!, name)))
            {
                return Error(400, $"{noun} with name {name} already exists");
            }

            return Ok($"{noun} saved", new JsonObject { ["id"] = NewId(), ["name"] = name });
        });
        app.MapPut($"/api/{{org}}/alerts/{route}/{{name}}", async (HttpContext c, string name) =>
        {
            var (body, rejection) = await ReadAsync(c, contract);
            if ((rejection ?? (store.ContainsKey(name) ? NamedRejection(noun, body!, name) : Error(404, $"{noun} not found"))) is { } refused)
            {
                return refused;
            }

            store[name] = Stored(body!, name);
            return Ok($"{noun} updated");
        });

        static JsonObject Stored(JsonObject body, string name)
        {
            var stored = (JsonObject)body.DeepClone();
            stored["name"] = name;
            return stored;
        }
    }

    private static IResult? NamedRejection(string noun, JsonObject body, string name)
    {
        if (InvalidName(name) is { } invalid)
        {
            return Error(400, $"{noun} name {invalid}");
        }

        if (noun == "Template" && (name.StartsWith("prebuilt_", StringComparison.Ordinal) || name == "o2_default_content"))
        {
            return Error(400, $"Template name {name} is reserved");
        }

        return noun == "Destination" && Uri.TryCreate((string?)body["url"], UriKind.Absolute, out var url) && IsPrivate(url)
            ? Error(400, $"Destination URL {url} is blocked: it points at a private, loopback or local address")
            : null;
    }

    /// <summary>Creates (<paramref name="id"/> null) or replaces an alert after <c>prepare_alert</c>'s checks, in its order.</summary>
    private async Task<IResult> SaveAlertAsync(HttpContext context, string? id)
    {
        var folder = FolderOf(context);
        if (id is not null && !State.Alerts.ContainsKey(id))
        {
            return Error(404, "Alert not found");
        }

        if (folder != "default")
        {
            return Error(404, "Folder not found");
        }

        var (body, rejection) = await ReadAsync(context, "alert-v2");
        if ((rejection ?? AlertRejection(body!)) is { } refused)
        {
            return refused;
        }

        var stored = (JsonObject)body!.DeepClone();
        stored["id"] = id ?? NewId();
        stored["folder_id"] = folder;
        stored["owner"] = User;
        stored["enabled"] ??= false;
        stored["updated_at"] = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() * 1000;
        State.Alerts[(string)stored["id"]!] = stored;
        return id is null ? Ok("Alert saved", new JsonObject { ["id"] = stored["id"]!.DeepClone(), ["name"] = stored["name"]!.DeepClone() }) : Ok("Alert Updated");
    }

    private IResult? AlertRejection(JsonObject alert)
    {
        var name = ((string?)alert["name"])?.Trim() ?? "";
        if (InvalidName(name) is { } invalid)
        {
            return Error(400, $"Alert name {invalid}");
        }

        if ((string?)alert["template"] is { Length: > 0 } template && !State.Templates.ContainsKey(template))
        {
            return Error(404, $"Template {template} not found");
        }

        var destinations = (alert["destinations"] as JsonArray ?? []).Select(d => (string?)d ?? "").ToArray();
        if (destinations.Length == 0)
        {
            return Error(400, "Alert destinations is required");
        }

        if (destinations.FirstOrDefault(d => !State.Destinations.ContainsKey(d)) is { } missing)
        {
            return Error(404, $"Destination {missing} not found");
        }

        var (streamType, streamName) = ((string?)alert["stream_type"] ?? "", (string?)alert["stream_name"] ?? "");
        if (!State.Streams.ContainsKey((streamType, streamName)))
        {
            return Error(404, $"Stream {streamName} not found");
        }

        var condition = alert["query_condition"] as JsonObject ?? [];
        var queryType = (string?)condition["type"] ?? "custom";
        if ((bool?)alert["is_real_time"] == true && queryType != "custom")
        {
            return Error(400, "Realtime alerts must use a custom query condition");
        }

        return queryType switch
        {
            "sql" when (string?)condition["sql"] is not { Length: > 0 } => Error(400, "Alert with SQL mode should have a query"),
            "sql" when SelectStar().IsMatch((string)condition["sql"]!) => Error(400, "Alert SQL must not select *"),
            "sql" when !SearchQuery.TryParse((string)condition["sql"]!, out _) && !ParsesAsAggregate((string)condition["sql"]!) =>
                Error(500, "sql parser error: the query cannot be parsed"),
            "promql" when (string?)condition["promql"] is not { Length: > 0 } || condition["promql_condition"] is null =>
                Error(400, "Alert with PromQL mode should have a query and a condition"),
            _ => null,
        };
    }

    private async Task<IResult> SaveDashboardAsync(HttpContext context, string? id)
    {
        var folder = FolderOf(context);
        StoredDashboard? stored = null;
        if (id is not null && (!State.Dashboards.TryGetValue(id, out stored) || stored.Folder != folder))
        {
            return Error(404, "Dashboard not found");
        }

        if (id is null && folder != "default")
        {
            return Error(404, "Folder not found");
        }

        if (stored is not null)
        {
            if (!ulong.TryParse(context.Request.Query["hash"], NumberStyles.None, CultureInfo.InvariantCulture, out _))
            {
                return Error(500, "hash is required and must be a u64");
            }

            if (context.Request.Query["hash"] != stored.Hash)
            {
                return Error(409, "Conflict: the dashboard was changed since it was read; reload it and retry");
            }
        }

        var (body, rejection) = await ReadAsync(context, "dashboard-v8");
        if (rejection is not null)
        {
            return rejection;
        }

        if (string.IsNullOrWhiteSpace((string?)body!["title"]))
        {
            return Error(500, "Dashboard should have title");
        }

        var dashboardId = id ?? NewId();
        var v8 = (JsonObject)body.DeepClone();
        v8["dashboardId"] = dashboardId;
        var saved = new StoredDashboard(dashboardId, folder, v8, ((ulong)Random.Shared.NextInt64()).ToString(CultureInfo.InvariantCulture),
            DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() * 1000);
        State.Dashboards[dashboardId] = saved;
        return Json(200, saved.ToJson());
    }

    /// <summary>The <c>folder</c> a request names; <c>default</c> when it names none.</summary>
    private static string FolderOf(HttpContext context) =>
        context.Request.Query["folder"] is { Count: > 0 } folder ? folder.ToString() : "default";

    private static string StreamTypeOf(HttpContext context) =>
        context.Request.Query["type"].ToString() is var type && StreamTypes.Contains(type) ? type : "logs";

    private static string? UnknownType(JsonNode? fields) =>
        (fields as JsonArray ?? []).Select(f => (string?)f?["type"] ?? "").FirstOrDefault(t => !FieldTypes.ContainsKey(t));

    private static void AddFields(StoredStream stream, JsonNode? fields)
    {
        foreach (var field in (fields as JsonArray ?? []).OfType<JsonObject>())
        {
            stream.Schema.TryAdd((string)field["name"]!, FieldTypes[(string)field["type"]!]);
        }
    }

    /// <summary>Why a destination, template or alert name is refused, or null.</summary>
    private static string? InvalidName(string name) => name.Length == 0 ? "is required"
        : name.IndexOfAny([':', '#', '?', '&', '%', '\'', '"', '/']) >= 0 || name.Any(char.IsWhiteSpace) ? $"{name} has characters that are not allowed"
        : null;

    private static bool IsPrivate(Uri url) =>
        url.IsLoopback || url.Host.EndsWith(".local", StringComparison.OrdinalIgnoreCase)
        || (IPAddress.TryParse(url.Host, out var address) && (address.ToString().StartsWith("10.", StringComparison.Ordinal)
            || address.ToString().StartsWith("192.168.", StringComparison.Ordinal) || Regex.IsMatch(address.ToString(), @"^172\.(1[6-9]|2\d|3[01])\.")));

    /// <summary>An aggregate the search subset does not run but OpenObserve's SQL parser accepts.</summary>
    private static bool ParsesAsAggregate(string sql) => AggregateShape().IsMatch(sql);

    /// <summary>A KSUID-shaped id: 27 base62 characters.</summary>
    private static string NewId()
    {
        const string Base62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
        return string.Create(27, 0, (span, _) =>
        {
            for (var i = 0; i < span.Length; i++)
            {
                span[i] = Base62[RandomNumberGenerator.GetInt32(Base62.Length)];
            }
        });
    }

    [GeneratedRegex(@"(?i)select[ ]+\*")]
    private static partial Regex SelectStar();

    [GeneratedRegex(@"^\s*SELECT\s+.+\s+FROM\s+""?[A-Za-z0-9_:]+""?(\s+WHERE\s+.+?)?(\s+GROUP BY\s+.+?)?(\s+HAVING\s+.+?)?(\s+ORDER BY\s+.+?)?(\s+LIMIT\s+\d+)?\s*$",
        RegexOptions.IgnoreCase | RegexOptions.Singleline)]
    private static partial Regex AggregateShape();
}
