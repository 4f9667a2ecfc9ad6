using System.Text.RegularExpressions;

namespace ServerlessCqrs.Ops.OpenObserve;

/// <summary>
/// How OpenObserve names what arrives over OTLP, so queries name what it stores: a stream name has every
/// run of characters outside <c>[a-zA-Z0-9_:]</c> made one <c>_</c> and is lowercased (<c>cqrs-commands</c> is
/// <c>cqrs_commands</c>); a metric is a stream of its own named that way, a histogram adds <c>_bucket</c>
/// (with <c>le</c>), <c>_count</c> and <c>_sum</c> streams with no unit suffix; a field or label has every
/// character outside <c>[a-z0-9_]</c> made <c>_</c> after lowercasing (<c>cqrs.message.type</c> is
/// <c>cqrs_message_type</c>, <c>durationMs</c> is <c>durationms</c>); a trace keeps span attributes as
/// fields and prefixes resource attributes with <c>service_</c>.
/// </summary>
internal static partial class OpenObserveNames
{
    /// <summary>The histogram bucket label.</summary>
    public const string BucketBound = "le";

    /// <summary>The stream a name is stored as.</summary>
    public static string Stream(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return OutsideStreamName().Replace(name, "_").ToLowerInvariant();
    }

    /// <summary>The stream of a metric (counter, gauge or histogram total).</summary>
    public static string Metric(string instrument) => Stream(instrument);

    /// <summary>The bucket stream of a histogram.</summary>
    public static string Buckets(string instrument) => Stream(instrument) + "_bucket";

    /// <summary>The field a log or span attribute, or a metric label, is stored as.</summary>
    public static string Field(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return string.Create(key.Length, key, (span, source) =>
        {
            for (var i = 0; i < source.Length; i++)
            {
                var c = char.ToLowerInvariant(source[i]);
                span[i] = char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '_' ? c : '_';
            }
        });
    }

    /// <summary>The field a resource attribute (such as <c>service.instance.id</c>) is stored as on a span.</summary>
    public static string SpanResourceField(string key) => "service_" + Field(key);

    [GeneratedRegex("[^a-zA-Z0-9_:]+")]
    private static partial Regex OutsideStreamName();
}
