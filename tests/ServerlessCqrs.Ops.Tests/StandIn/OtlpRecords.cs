using System.Globalization;
using System.Text.Json.Nodes;
using Google.Protobuf.Collections;
using ServerlessCqrs.Ops.OpenObserve;
using ServerlessCqrs.Testing.Otlp;

namespace ServerlessCqrs.Ops.Tests.StandIn;

/// <summary>
/// OTLP/protobuf export requests turned into the records OpenObserve stores, as its ingestion does
/// (src/core/src/logs/otlp.rs, traces/mod.rs, metrics/otlp.rs): logs carry their resource attributes,
/// attributes, body, severity and trace ids; a span its fields with resource attributes prefixed
/// <c>service_</c>; a metric data point its resource and point attributes as labels, in a stream named after
/// the metric, a histogram fanned out into <c>_count</c>, <c>_sum</c>, <c>_min</c>, <c>_max</c> and cumulative
/// <c>_bucket</c> records with <c>le</c>. Every key is then formatted (lowercase, <c>[a-z0-9_]</c>) and nested
/// values flattened, as OpenObserve's flattening does.
/// </summary>
public static class OtlpRecords
{
    private static readonly string[] ReservedSpanFields =
        ["trace_id", "span_id", "flags", "span_status", "span_kind", "operation_name", "start_time", "end_time", "duration", "service_name", "events", "links", "_timestamp"];

    public static IEnumerable<JsonObject> Logs(byte[] request)
    {
        foreach (var resourceLogs in LogsExport.Parser.ParseFrom(request).ResourceLogs)
        {
            var resource = Attributes(resourceLogs.Resource?.Attributes);
            foreach (var scopeLogs in resourceLogs.ScopeLogs)
            {
                foreach (var log in scopeLogs.LogRecords)
                {
                    var record = new JsonObject();
                    Merge(record, resource);
                    if (scopeLogs.Scope is { Name.Length: > 0 } scope)
                    {
                        record["instrumentation_library_name"] = scope.Name;
                    }

                    var time = log.TimeUnixNano > 0 ? log.TimeUnixNano : log.ObservedTimeUnixNano;
                    record["_timestamp"] = (long)(time / 1000);
                    record["severity"] = log.SeverityText is { Length: > 0 } severity ? severity : (JsonNode)(long)log.SeverityNumber;
                    record["body"] = Value(log.Body);
                    record["dropped_attributes_count"] = (long)log.DroppedAttributesCount;
                    Merge(record, Attributes(log.Attributes));
                    if (OtlpExports.Hex(log.TraceId) is { Length: > 0 } traceId)
                    {
                        record["trace_id"] = traceId;
                    }

                    if (OtlpExports.Hex(log.SpanId) is { Length: > 0 } spanId)
                    {
                        record["span_id"] = spanId;
                    }

                    yield return Flatten(record);
                }
            }
        }
    }

    public static IEnumerable<JsonObject> Spans(byte[] request)
    {
        foreach (var resourceSpans in TraceExport.Parser.ParseFrom(request).ResourceSpans)
        {
            var resource = Attributes(resourceSpans.Resource?.Attributes);
            var serviceName = resource.TryGetPropertyValue("service.name", out var name) ? name?.ToString() ?? "unknown" : "unknown";
            foreach (var span in resourceSpans.ScopeSpans.SelectMany(s => s.Spans))
            {
                var (start, end) = (span.StartTimeUnixNano / 1000, span.EndTimeUnixNano / 1000);
                var record = new JsonObject
                {
                    ["trace_id"] = OtlpExports.Hex(span.TraceId),
                    ["span_id"] = OtlpExports.Hex(span.SpanId),
                    ["flags"] = 1,
                    ["span_status"] = span.Status?.Code switch { 1 => "OK", 2 => "ERROR", _ => "UNSET" },
                    ["span_kind"] = span.Kind.ToString(CultureInfo.InvariantCulture),
                    ["operation_name"] = span.Name,
                    ["start_time"] = (long)start,
                    ["end_time"] = (long)end,
                    ["duration"] = (long)(end - start),
                    ["service_name"] = serviceName,
                    ["events"] = "[]",
                    ["links"] = "[]",
                    ["_timestamp"] = (long)start,
                };
                if (OtlpExports.Hex(span.ParentSpanId) is { Length: > 0 } parent)
                {
                    record["reference_parent_span_id"] = parent;
                }

                foreach (var (key, value) in Attributes(span.Attributes))
                {
                    var collides = ReservedSpanFields.Contains(Key(key)) || resource.Any(r => Key(r.Key) == Key(key));
                    record[collides ? "attr_" + key : key] = value?.DeepClone();
                }

                foreach (var (key, value) in resource.Where(r => r.Key != "service.name"))
                {
                    record["service_" + key] = value?.DeepClone();
                }

                yield return Flatten(record);
            }
        }
    }

    public static IEnumerable<JsonObject> Metrics(byte[] request)
    {
        foreach (var resourceMetrics in MetricsExport.Parser.ParseFrom(request).ResourceMetrics)
        {
            var labels = new JsonObject();
            foreach (var (key, value) in Attributes(resourceMetrics.Resource?.Attributes))
            {
                labels[Key(key)] = value?.DeepClone();
            }

            foreach (var metric in resourceMetrics.ScopeMetrics.SelectMany(s => s.Metrics))
            {
                var name = OpenObserveNames.Stream(metric.Name);
                var records = metric.DataCase switch
                {
                    Metric.DataOneofCase.Sum => metric.Sum.DataPoints.SelectMany(p => Number(Labelled(labels, name, p.Attributes, p.TimeUnixNano), p)),
                    Metric.DataOneofCase.Gauge => metric.Gauge.DataPoints.SelectMany(p => Number(Labelled(labels, name, p.Attributes, p.TimeUnixNano), p)),
                    Metric.DataOneofCase.Histogram => metric.Histogram.DataPoints.SelectMany(p => Histogram(Labelled(labels, name, p.Attributes, p.TimeUnixNano), p)),
                    _ => [],
                };
                foreach (var record in records)
                {
                    yield return record;
                }
            }
        }
    }

    /// <summary>The metric (stream) a record belongs to.</summary>
    public static string MetricOf(JsonObject record) => (string)record["__name__"]!;

    /// <summary>Keys as OpenObserve formats them: lowercase, anything outside [a-z0-9_] made _.</summary>
    public static string Key(string key) => OpenObserveNames.Field(key);

    private static JsonObject Labelled(JsonObject labels, string name, RepeatedField<KeyValue> attributes, ulong timeUnixNano)
    {
        var record = (JsonObject)labels.DeepClone();
        record["__name__"] = name;
        foreach (var (key, value) in Attributes(attributes))
        {
            record[Key(key)] = value?.DeepClone();
        }

        record["_timestamp"] = (long)(timeUnixNano / 1000);
        return record;
    }

    private static IEnumerable<JsonObject> Number(JsonObject record, NumberPoint point)
    {
        record["value"] = point.ValueCase == NumberPoint.ValueOneofCase.AsInt ? point.AsInt : point.AsDouble;
        yield return record;
    }

    private static IEnumerable<JsonObject> Histogram(JsonObject record, HistogramPoint point)
    {
        var name = (string)record["__name__"]!;
        yield return With(record, name + "_count", point.Count);
        foreach (var (present, value, suffix) in new[] { (point.HasSum, point.Sum, "_sum"), (point.HasMin, point.Min, "_min"), (point.HasMax, point.Max, "_max") })
        {
            if (present)
            {
                yield return With(record, name + suffix, value);
            }
        }

        ulong cumulative = 0;
        for (var i = 0; i < point.BucketCounts.Count; i++)
        {
            cumulative += point.BucketCounts[i];
            var bucket = With(record, name + "_bucket", cumulative);
            bucket["le"] = i < point.ExplicitBounds.Count ? RustFloat(point.ExplicitBounds[i]) : "inf";
            yield return bucket;
        }
    }

    private static JsonObject With(JsonObject record, string name, double value)
    {
        var copy = (JsonObject)record.DeepClone();
        copy["__name__"] = name;
        copy["value"] = value;
        return copy;
    }

    /// <summary>How Rust prints an f64: shortest round trip, no trailing <c>.0</c>.</summary>
    private static string RustFloat(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    private static JsonObject Flatten(JsonObject record)
    {
        var flat = new JsonObject();
        Flatten(record, "", flat);
        return flat;
    }

    private static void Flatten(JsonObject json, string prefix, JsonObject flat)
    {
        foreach (var (key, value) in json)
        {
            var name = prefix.Length == 0 ? Key(key) : $"{prefix}_{Key(key)}";
            switch (value)
            {
                case null:
                    break;
                case JsonObject nested:
                    Flatten(nested, name, flat);
                    break;
                case JsonArray array:
                    flat[name] = array.ToJsonString();
                    break;
                default:
                    flat[name] = value.DeepClone();
                    break;
            }
        }
    }

    private static JsonObject Attributes(RepeatedField<KeyValue>? attributes)
    {
        var json = new JsonObject();
        foreach (var pair in attributes ?? [])
        {
            json[pair.Key] = Value(pair.Value);
        }

        return json;
    }

    private static JsonNode? Value(AnyValue? value) => value?.ValueCase switch
    {
        AnyValue.ValueOneofCase.StringValue => value.StringValue,
        AnyValue.ValueOneofCase.BoolValue => value.BoolValue,
        AnyValue.ValueOneofCase.IntValue => value.IntValue,
        AnyValue.ValueOneofCase.DoubleValue => value.DoubleValue,
        AnyValue.ValueOneofCase.ArrayValue => new JsonArray([.. value.ArrayValue.Values.Select(Value)]),
        AnyValue.ValueOneofCase.KvlistValue => Attributes(value.KvlistValue.Values),
        AnyValue.ValueOneofCase.BytesValue => Convert.ToBase64String(value.BytesValue.Span),
        _ => null,
    };

    private static void Merge(JsonObject target, JsonObject source)
    {
        foreach (var (key, value) in source)
        {
            target[key] = value?.DeepClone();
        }
    }
}
