using System.Globalization;
using Google.Protobuf;

namespace ServerlessCqrs.Testing.Otlp;

/// <summary>What tests read of an OTLP/protobuf export request, parsed with the messages generated from <c>otlp.proto</c>.</summary>
public static class OtlpExports
{
    /// <summary>One span: ids as lower-case hex (empty when absent) and its name.</summary>
    public sealed record SpanView(string TraceId, string SpanId, string ParentSpanId, string Name);

    /// <summary>One log record: its attributes, its resource's attributes and its body, all as text.</summary>
    public sealed record LogView(IReadOnlyDictionary<string, string> Attributes, IReadOnlyDictionary<string, string> Resource, string Body);

    public static IReadOnlyList<SpanView> Spans(byte[] body) =>
        [.. from resource in TraceExport.Parser.ParseFrom(body).ResourceSpans
            from scope in resource.ScopeSpans
            from span in scope.Spans
            select new SpanView(Hex(span.TraceId), Hex(span.SpanId), Hex(span.ParentSpanId), span.Name)];

    public static IReadOnlyList<LogView> Logs(byte[] body) =>
        [.. from resource in LogsExport.Parser.ParseFrom(body).ResourceLogs
            from scope in resource.ScopeLogs
            from record in scope.LogRecords
            select new LogView(Texts(record.Attributes), Texts(resource.Resource?.Attributes ?? []), Text(record.Body))];

    public static IReadOnlySet<string> MetricNames(byte[] body) =>
        (from resource in MetricsExport.Parser.ParseFrom(body).ResourceMetrics
         from scope in resource.ScopeMetrics
         from metric in scope.Metrics
         select metric.Name).ToHashSet(StringComparer.Ordinal);

    /// <summary>An attribute value as text: strings as they are, numbers and booleans invariant, lists and maps as JSON-ish text.</summary>
    public static string Text(AnyValue? value) => value?.ValueCase switch
    {
        AnyValue.ValueOneofCase.StringValue => value.StringValue,
        AnyValue.ValueOneofCase.BoolValue => value.BoolValue ? "true" : "false",
        AnyValue.ValueOneofCase.IntValue => value.IntValue.ToString(CultureInfo.InvariantCulture),
        AnyValue.ValueOneofCase.DoubleValue => value.DoubleValue.ToString("R", CultureInfo.InvariantCulture),
        AnyValue.ValueOneofCase.BytesValue => Convert.ToBase64String(value.BytesValue.Span),
        AnyValue.ValueOneofCase.ArrayValue => "[" + string.Join(",", value.ArrayValue.Values.Select(Text)) + "]",
        AnyValue.ValueOneofCase.KvlistValue => "{" + string.Join(",", value.KvlistValue.Values.Select(v => $"{v.Key}:{Text(v.Value)}")) + "}",
        _ => "",
    };

    /// <summary>Lower-case hex of an id; empty for an absent or all-zero one.</summary>
    public static string Hex(ByteString id) => id.IsEmpty || id.Span.IndexOfAnyExcept((byte)0) < 0 ? "" : Convert.ToHexStringLower(id.Span);

    private static Dictionary<string, string> Texts(IEnumerable<KeyValue> attributes) =>
        attributes.GroupBy(a => a.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => Text(g.Last().Value), StringComparer.Ordinal);
}
