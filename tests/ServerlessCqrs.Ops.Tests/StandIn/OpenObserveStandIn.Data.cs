using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using ServerlessCqrs.Ops.OpenObserve;

namespace ServerlessCqrs.Ops.Tests.StandIn;

/// <summary>
/// OTLP/HTTP ingestion into streams named as OpenObserve names them, SQL search over them and PromQL
/// instant selectors over the metric streams.
/// </summary>
public sealed partial class OpenObserveStandIn
{
    private void MapIngestion(WebApplication app) => app.MapPost("/api/{org}/v1/{signal}", async (HttpContext c, string signal) =>
    {
        if (c.Request.ContentType != "application/x-protobuf")
        {
            return Plain(400, $"Unsupported content type: {c.Request.ContentType}");
        }

        using var buffer = new MemoryStream();
        await c.Request.Body.CopyToAsync(buffer);
        var body = buffer.ToArray();
        var streamName = OpenObserveNames.Stream(c.Request.Headers["stream-name"] is { Count: > 0 } header ? header.ToString() : "default");
        var records = signal switch
        {
            "logs" => OtlpRecords.Logs(body).Select(r => (Stream: streamName, Record: r)),
            "traces" => OtlpRecords.Spans(body).Select(r => (Stream: streamName, Record: r)),
            "metrics" => OtlpRecords.Metrics(body).Select(r => (Stream: OtlpRecords.MetricOf(r), Record: r)),
            _ => null,
        };
        if (records is null)
        {
            return Results.NotFound();
        }

        foreach (var (stream, record) in DropIngestion ? [] : records.ToArray())
        {
            State.StreamFor(signal, stream).Add(record);
        }

        return Results.Bytes([], "application/x-protobuf");
    });

    private void MapSearch(WebApplication app)
    {
        app.MapPost("/api/{org}/_search", async (HttpContext c) =>
        {
            var type = c.Request.Query["type"] is { Count: > 0 } t ? t.ToString() : "logs";
            var (body, rejection) = await ReadAsync(c, "search");
            if (rejection is not null)
            {
                return rejection;
            }

            var sql = (string)body!["query"]!["sql"]!;
            if (!SearchQuery.TryParse(sql, out var query))
            {
                return SearchError($"Search SQL not supported by the stand-in: {sql}");
            }

            if (!State.Streams.TryGetValue((type, query.Stream), out var stream))
            {
                return SearchError($"Search stream not found: {query.Stream}");
            }

            if (query.UnknownField(stream.Schema.Keys) is { } field)
            {
                return SearchError($"Search field not found: {field}");
            }

            var (start, end) = ((long)body["query"]!["start_time"]!, (long)body["query"]!["end_time"]!);
            var hits = query.Run(stream.Records.Where(r => (long?)r["_timestamp"] is { } time && time >= start && time < end));
            return Json(200, new JsonObject { ["took"] = 1, ["hits"] = new JsonArray([.. hits]), ["total"] = hits.Count, ["from"] = 0, ["size"] = hits.Count, ["scan_size"] = 0 });
        });
        app.MapMethods("/api/{org}/prometheus/api/v1/query", ["GET", "POST"], async (HttpContext c) =>
        {
            var query = c.Request.HasFormContentType ? (await c.Request.ReadFormAsync())["query"].ToString() : c.Request.Query["query"].ToString();
            var selector = Selector().Match(query);
            if (!selector.Success)
            {
                return Json(400, new JsonObject { ["status"] = "error", ["errorType"] = "bad_data", ["error"] = $"the stand-in runs instant selectors only: {query}" });
            }

            var labels = Matcher().Matches(selector.Groups["labels"].Value).ToDictionary(m => m.Groups["label"].Value, m => m.Groups["value"].Value);
            var records = State.Streams.TryGetValue(("metrics", selector.Groups["name"].Value), out var stream) ? stream.Records : [];
            var series = records.Where(r => labels.All(l => r[l.Key]?.ToString() == l.Value))
                .GroupBy(r => string.Join(',', r.Where(p => p.Key is not ("_timestamp" or "value")).Select(p => $"{p.Key}={p.Value}")))
                .Select(g => g.MaxBy(r => (long?)r["_timestamp"])!)
                .Select(r => (JsonNode)new JsonObject
                {
                    ["metric"] = new JsonObject([.. r.Where(p => p.Key is not ("_timestamp" or "value")).Select(p => KeyValuePair.Create(p.Key, p.Value?.DeepClone()))]),
                    ["value"] = new JsonArray((long?)r["_timestamp"] / 1_000_000 ?? 0, r["value"]?.ToJsonString() ?? "0"),
                });
            return Json(200, new JsonObject
            {
                ["status"] = "success",
                ["data"] = new JsonObject { ["resultType"] = "vector", ["result"] = new JsonArray([.. series]) },
            });
        });
    }

    /// <summary>A search failure as OpenObserve answers it: 400 with the error code in <c>X-Error-Message</c> (20002: stream, field or SQL).</summary>
    private static SearchFailure SearchError(string message) => new SearchFailure(message);

    private sealed class SearchFailure(string message) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.Headers["X-Error-Message"] = "20002";
            return Json(400, new JsonObject { ["code"] = 400, ["message"] = message, ["error_detail"] = message, ["trace_id"] = "" }).ExecuteAsync(httpContext);
        }
    }

    [GeneratedRegex(@"^\s*(?<name>[a-zA-Z_:][a-zA-Z0-9_:]*)\s*(\{(?<labels>[^}]*)\})?\s*$")]
    private static partial Regex Selector();

    [GeneratedRegex(@"(?<label>[a-zA-Z_][a-zA-Z0-9_]*)\s*=\s*""(?<value>[^""]*)""")]
    private static partial Regex Matcher();
}
