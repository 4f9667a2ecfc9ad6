using System.Text;

namespace ServerlessCqrs.Testing;

/// <summary>
/// Just enough of the protobuf wire format to read OTLP export requests in tests: the spans of a
/// trace export (trace id, span id, parent, name) and every string anywhere in a body.
/// </summary>
public static class OtlpProtobuf
{
    public sealed record Field(int Number, int WireType, ulong Varint, byte[] Bytes);

    public sealed record Span(string TraceId, string SpanId, string ParentSpanId, string Name);

    /// <summary>The spans of an <c>ExportTraceServiceRequest</c>: resource_spans(1) → scope_spans(2) → spans(2).</summary>
    public static IReadOnlyList<Span> Spans(byte[] body) =>
        [.. from resource in Fields(body).Where(f => f.Number == 1)
            from scope in Fields(resource.Bytes).Where(f => f.Number == 2)
            from span in Fields(scope.Bytes).Where(f => f.Number == 2)
            let fields = Fields(span.Bytes)
            select new Span(Hex(fields, 1), Hex(fields, 2), Hex(fields, 4), Encoding.UTF8.GetString(fields.FirstOrDefault(f => f.Number == 5)?.Bytes ?? []))];

    /// <summary>Every length-delimited value that reads as text, at any depth.</summary>
    public static IReadOnlySet<string> Strings(byte[] body)
    {
        var strings = new HashSet<string>(StringComparer.Ordinal);
        Collect(body, strings);
        return strings;
    }

    public static IReadOnlyList<Field> Fields(byte[] message) => TryFields(message, out var fields) ? fields : [];

    private static void Collect(byte[] message, HashSet<string> strings)
    {
        if (!TryFields(message, out var fields))
        {
            return;
        }

        foreach (var field in fields.Where(f => f.WireType == 2))
        {
            if (IsText(field.Bytes))
            {
                strings.Add(Encoding.UTF8.GetString(field.Bytes));
            }

            Collect(field.Bytes, strings);
        }
    }

    private static bool TryFields(byte[] message, out List<Field> fields)
    {
        fields = [];
        var position = 0;
        while (position < message.Length)
        {
            if (!TryVarint(message, ref position, out var key) || key >> 3 == 0)
            {
                return false;
            }

            var (number, wireType) = ((int)(key >> 3), (int)(key & 7));
            switch (wireType)
            {
                case 0:
                    if (!TryVarint(message, ref position, out var value))
                    {
                        return false;
                    }

                    fields.Add(new Field(number, wireType, value, []));
                    break;
                case 1 or 5:
                    var size = wireType == 1 ? 8 : 4;
                    if (position + size > message.Length)
                    {
                        return false;
                    }

                    fields.Add(new Field(number, wireType, 0, message[position..(position + size)]));
                    position += size;
                    break;
                case 2:
                    if (!TryVarint(message, ref position, out var length) || position + (long)length > message.Length)
                    {
                        return false;
                    }

                    fields.Add(new Field(number, wireType, 0, message[position..(position + (int)length)]));
                    position += (int)length;
                    break;
                default:
                    return false;
            }
        }

        return true;
    }

    private static bool TryVarint(byte[] message, ref int position, out ulong value)
    {
        value = 0;
        for (var shift = 0; shift < 64 && position < message.Length; shift += 7)
        {
            var b = message[position++];
            value |= (ulong)(b & 0x7F) << shift;
            if ((b & 0x80) == 0)
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsText(byte[] bytes)
    {
        if (bytes.Length == 0)
        {
            return false;
        }

        try
        {
            var text = new UTF8Encoding(false, true).GetString(bytes);
            return text.All(c => !char.IsControl(c) || c is '\n' or '\r' or '\t');
        }
        catch (DecoderFallbackException)
        {
            return false;
        }
    }

    private static string Hex(IReadOnlyList<Field> fields, int number) =>
        Convert.ToHexStringLower(fields.FirstOrDefault(f => f.Number == number)?.Bytes ?? []);
}
