using System.Buffers.Binary;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using ServerlessCqrs.Ops.OpenObserve;
using Field = ServerlessCqrs.Testing.OtlpProtobuf.Field;

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
        foreach (var resourceLogs in Repeated(request, 1))
        {
            var resource = Attributes(Message(resourceLogs, 1), 1);
            foreach (var scopeLogs in Repeated(resourceLogs.Bytes, 2))
            {
                var scope = Message(scopeLogs.Bytes, 1);
                foreach (var log in Repeated(scopeLogs.Bytes, 2))
                {
                    var record = new JsonObject();
                    Merge(record, resource);
                    if (Text(scope, 1) is { Length: > 0 } library)
                    {
                        record["instrumentation_library_name"] = library;
                    }

                    var time = Fixed64(log.Bytes, 1) is > 0 and var t ? t : Fixed64(log.Bytes, 11);
                    record["_timestamp"] = (long)(time / 1000);
                    record["severity"] = Text(log.Bytes, 3) is { Length: > 0 } severity ? severity : (JsonNode)(long)Varint(log.Bytes, 2);
                    record["body"] = Value(Message(log.Bytes, 5));
                    record["dropped_attributes_count"] = (long)Varint(log.Bytes, 7);
                    Merge(record, Attributes(log.Bytes, 6));
                    if (Hex(log.Bytes, 9) is { } traceId)
                    {
                        record["trace_id"] = traceId;
                    }

                    if (Hex(log.Bytes, 10) is { } spanId)
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
        foreach (var resourceSpans in Repeated(request, 1))
        {
            var resource = Attributes(Message(resourceSpans, 1), 1);
            var serviceName = resource.TryGetPropertyValue("service.name", out var name) ? name?.ToString() ?? "unknown" : "unknown";
            foreach (var scopeSpans in Repeated(resourceSpans.Bytes, 2))
            {
                foreach (var span in Repeated(scopeSpans.Bytes, 2))
                {
                    var (start, end) = (Fixed64(span.Bytes, 7) / 1000, Fixed64(span.Bytes, 8) / 1000);
                    var record = new JsonObject
                    {
                        ["trace_id"] = Hex(span.Bytes, 1),
                        ["span_id"] = Hex(span.Bytes, 2),
                        ["flags"] = 1,
                        ["span_status"] = Varint(Message(span.Bytes, 15), 3) switch { 1 => "OK", 2 => "ERROR", _ => "UNSET" },
                        ["span_kind"] = Varint(span.Bytes, 6).ToString(CultureInfo.InvariantCulture),
                        ["operation_name"] = Text(span.Bytes, 5),
                        ["start_time"] = (long)start,
                        ["end_time"] = (long)end,
                        ["duration"] = (long)(end - start),
                        ["service_name"] = serviceName,
                        ["events"] = "[]",
                        ["links"] = "[]",
                        ["_timestamp"] = (long)start,
                    };
                    if (Hex(span.Bytes, 4) is { } parent)
                    {
                        record["reference_parent_span_id"] = parent;
                    }

                    foreach (var (key, value) in Attributes(span.Bytes, 9))
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
    }

    public static IEnumerable<JsonObject> Metrics(byte[] request)
    {
        foreach (var resourceMetrics in Repeated(request, 1))
        {
            var labels = new JsonObject();
            foreach (var (key, value) in Attributes(Message(resourceMetrics, 1), 1))
            {
                labels[Key(key)] = value?.DeepClone();
            }

            foreach (var scopeMetrics in Repeated(resourceMetrics.Bytes, 2))
            {
                foreach (var metric in Repeated(scopeMetrics.Bytes, 2))
                {
                    var name = OpenObserveNames.Stream(Text(metric.Bytes, 1) ?? "");
                    // A number point's attributes are field 7, a histogram point's field 9.
                    var records = Message(metric.Bytes, 7) is { Length: > 0 } sum ? Points(sum, name, labels, 7, Number)
                        : Message(metric.Bytes, 5) is { Length: > 0 } gauge ? Points(gauge, name, labels, 7, Number)
                        : Message(metric.Bytes, 9) is { Length: > 0 } histogram ? Points(histogram, name, labels, 9, HistogramPoint)
                        : [];
                    foreach (var record in records)
                    {
                        yield return record;
                    }
                }
            }
        }
    }

    /// <summary>The metric (stream) a record belongs to.</summary>
    public static string MetricOf(JsonObject record) => (string)record["__name__"]!;

    private static IEnumerable<JsonObject> Points(
        byte[] data, string name, JsonObject labels, int attributesField, Func<byte[], JsonObject, IEnumerable<JsonObject>> expand)
    {
        foreach (var point in Repeated(data, 1))
        {
            var record = (JsonObject)labels.DeepClone();
            record["__name__"] = name;
            foreach (var (key, value) in Attributes(point.Bytes, attributesField))
            {
                record[Key(key)] = value?.DeepClone();
            }

            record["_timestamp"] = (long)(Fixed64(point.Bytes, 3) / 1000);
            foreach (var expanded in expand(point.Bytes, record))
            {
                yield return expanded;
            }
        }
    }

    private static IEnumerable<JsonObject> Number(byte[] point, JsonObject record)
    {
        var value = Field(point, 4) is { } asDouble ? BitConverter.Int64BitsToDouble((long)Fixed(asDouble))
            : Field(point, 6) is { } asInt ? (long)Fixed(asInt)
            : 0d;
        record["value"] = value;
        yield return record;
    }

    private static IEnumerable<JsonObject> HistogramPoint(byte[] point, JsonObject record)
    {
        var name = (string)record["__name__"]!;
        yield return With(record, name + "_count", Fixed64(point, 4));
        foreach (var (number, suffix) in new[] { (5, "_sum"), (11, "_min"), (12, "_max") })
        {
            if (Field(point, number) is { } part)
            {
                yield return With(record, name + suffix, BitConverter.Int64BitsToDouble((long)Fixed(part)));
            }
        }

        var counts = PackedFixed64(point, 6);
        var bounds = PackedFixed64(point, 7).Select(b => BitConverter.Int64BitsToDouble((long)b)).ToArray();
        ulong cumulative = 0;
        for (var i = 0; i < counts.Count; i++)
        {
            cumulative += counts[i];
            var bucket = With(record, name + "_bucket", cumulative);
            bucket["le"] = i < bounds.Length ? RustFloat(bounds[i]) : "inf";
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

    /// <summary>Keys as OpenObserve formats them: lowercase, anything outside [a-z0-9_] made _.</summary>
    public static string Key(string key) => OpenObserveNames.Field(key);

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

    private static JsonObject Attributes(byte[] message, int number)
    {
        var attributes = new JsonObject();
        foreach (var pair in Repeated(message, number))
        {
            if (Text(pair.Bytes, 1) is { } key)
            {
                attributes[key] = Value(Message(pair.Bytes, 2));
            }
        }

        return attributes;
    }

    private static JsonNode? Value(byte[] anyValue)
    {
        var field = OtlpProtobuf.Fields(anyValue) is [var first, ..] ? first : null;
        return field?.Number switch
        {
            1 => Encoding.UTF8.GetString(field.Bytes),
            2 => field.Varint != 0,
            3 => (long)field.Varint,
            4 => BitConverter.Int64BitsToDouble((long)Fixed(field)),
            5 => new JsonArray([.. Repeated(field.Bytes, 1).Select(v => Value(v.Bytes))]),
            6 => Attributes(field.Bytes, 1),
            7 => Convert.ToBase64String(field.Bytes),
            _ => null,
        };
    }

    private static void Merge(JsonObject target, JsonObject source)
    {
        foreach (var (key, value) in source)
        {
            target[key] = value?.DeepClone();
        }
    }

    private static IEnumerable<Field> Repeated(byte[] message, int number) => OtlpProtobuf.Fields(message).Where(f => f.Number == number);

    private static Field? Field(byte[] message, int number) => OtlpProtobuf.Fields(message).LastOrDefault(f => f.Number == number);

    private static byte[] Message(byte[] message, int number) => Field(message, number)?.Bytes ?? [];

    private static byte[] Message(Field field, int number) => Message(field.Bytes, number);

    private static string? Text(byte[] message, int number) => Field(message, number) is { } field ? Encoding.UTF8.GetString(field.Bytes) : null;

    private static ulong Varint(byte[] message, int number) => Field(message, number)?.Varint ?? 0;

    private static ulong Fixed64(byte[] message, int number) => Field(message, number) is { } field ? Fixed(field) : 0;

    private static ulong Fixed(Field field) => field.WireType == 1 ? BinaryPrimitives.ReadUInt64LittleEndian(field.Bytes) : field.Varint;

    /// <summary>A repeated fixed64 or double, packed (the usual encoding) or not.</summary>
    private static List<ulong> PackedFixed64(byte[] message, int number)
    {
        var values = new List<ulong>();
        foreach (var field in Repeated(message, number))
        {
            if (field.WireType == 2)
            {
                for (var offset = 0; offset + 8 <= field.Bytes.Length; offset += 8)
                {
                    values.Add(BinaryPrimitives.ReadUInt64LittleEndian(field.Bytes.AsSpan(offset)));
                }
            }
            else
            {
                values.Add(Fixed(field));
            }
        }

        return values;
    }

    private static string? Hex(byte[] message, int number) =>
        Field(message, number) is { Bytes: { Length: > 0 } bytes } && bytes.Any(b => b != 0) ? Convert.ToHexStringLower(bytes) : null;
}
