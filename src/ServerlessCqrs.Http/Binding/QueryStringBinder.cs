using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Http;
using ServerlessCqrs.Registry;

namespace ServerlessCqrs.Http.Binding;

/// <summary>
/// Reads a query from the query string (<c>?customerId=c1&amp;limit=10</c>): each parameter becomes the
/// JSON property of the same name (ignoring case), typed from the query's JSON contract, and the
/// result is read with the same contract as a JSON body. Unknown parameters are ignored; repeated
/// parameters fill arrays; nested objects need <c>POST</c>.
/// </summary>
internal sealed class QueryStringBinder
{
    private readonly MessageDescriptor _descriptor;
    private readonly Dictionary<string, (string JsonName, Shape Shape)> _parameters = new(StringComparer.OrdinalIgnoreCase);

    public QueryStringBinder(MessageDescriptor descriptor)
    {
        _descriptor = descriptor;
        foreach (var property in descriptor.JsonTypeInfo.Properties)
        {
            if (property.Set is not null || property.AssociatedParameter is not null)
            {
                _parameters[property.Name] = (property.Name, ShapeOf(property.PropertyType, property.Options));
            }
        }
    }

    private enum Shape
    {
        Scalar,
        Boolean,
        ScalarArray,
        BooleanArray,
        Object,
    }

    /// <exception cref="BindingException">A parameter has the wrong shape or cannot be read as its field's type.</exception>
    public object Bind(IQueryCollection query)
    {
        var json = new JsonObject();
        foreach (var (key, values) in query)
        {
            if (!_parameters.TryGetValue(key, out var parameter))
            {
                continue;
            }

            json[parameter.JsonName] = parameter.Shape switch
            {
                Shape.Object => throw new BindingException(
                    $"'{key}' is an object; send {_descriptor.Name} as JSON with POST /api/queries/{_descriptor.Name}."),
                Shape.ScalarArray or Shape.BooleanArray =>
                    new JsonArray([.. values.Select(v => ValueOf(v, parameter.Shape == Shape.BooleanArray))]),
                _ when values.Count > 1 => throw new BindingException($"'{key}' is given {values.Count} times but takes one value."),
                _ => ValueOf(values.ToString(), parameter.Shape == Shape.Boolean),
            };
        }

        try
        {
            return json.Deserialize(_descriptor.JsonTypeInfo)
                ?? throw new BindingException($"The query string does not describe a {_descriptor.Name}.");
        }
        catch (JsonException exception)
        {
            var field = exception.Path is { Length: > 2 } path ? $"'{path[2..]}'" : "A parameter";
            throw new BindingException($"{field} has a value that is not valid for {_descriptor.Name}; see GET /api/catalog.");
        }
    }

    /// <summary>Strings stay strings (numbers are read from strings); booleans must be real JSON booleans.</summary>
    private static JsonValue? ValueOf(string? raw, bool isBoolean) =>
        isBoolean && bool.TryParse(raw, out var flag) ? JsonValue.Create(flag) : JsonValue.Create(raw);

    private static Shape ShapeOf(Type type, JsonSerializerOptions options)
    {
        var info = options.GetTypeInfo(type);
        return info.Kind switch
        {
            JsonTypeInfoKind.Enumerable when info.ElementType is { } element => ShapeOf(element, options) switch
            {
                Shape.Boolean => Shape.BooleanArray,
                Shape.Scalar => Shape.ScalarArray,
                _ => Shape.Object,
            },
            JsonTypeInfoKind.None => (Nullable.GetUnderlyingType(type) ?? type) == typeof(bool) ? Shape.Boolean : Shape.Scalar,
            _ => Shape.Object,
        };
    }
}
