using System.Text.Json;
using ServerlessCqrs.Registry;

namespace ServerlessCqrs.Http.Binding;

/// <summary>Reads a message from a JSON body with the registry's contract; an empty body is <c>{}</c>.</summary>
internal static class JsonBodyBinder
{
    private static readonly byte[] EmptyObject = "{}"u8.ToArray();

    /// <exception cref="BindingException">The body is not a JSON object of the message's shape.</exception>
    public static object Bind(ReadOnlySpan<byte> body, MessageDescriptor descriptor)
    {
        try
        {
            return JsonSerializer.Deserialize(body.IsEmpty ? EmptyObject : body, descriptor.JsonTypeInfo)
                ?? throw new BindingException($"The body of {descriptor.Name} must be a JSON object, not null.");
        }
        catch (JsonException exception)
        {
            throw new BindingException(Describe(exception, descriptor));
        }
    }

    /// <summary>Where the JSON went wrong, without the serializer's CLR type names.</summary>
    private static string Describe(JsonException exception, MessageDescriptor descriptor)
    {
        var where = exception.Path is { Length: > 1 } path ? $" at {path}" : "";
        var position = exception.LineNumber is { } line
            ? $" (line {line + 1}, byte {exception.BytePositionInLine + 1})"
            : "";
        return $"The body is not valid JSON for {descriptor.Name}{where}{position}: check the syntax and the field types in GET /api/catalog.";
    }
}
