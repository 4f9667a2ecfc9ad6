using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.OpenApi;

namespace ServerlessCqrs.Http.ApiDescription;

/// <summary>
/// Reads the JSON Schemas <see cref="MessageSchemas"/> exports into Microsoft.OpenApi's schema model. Only the keywords
/// the exporter and the validation attributes write are known; any other is a fault here, so nothing is dropped unseen.
/// </summary>
internal static class OpenApiSchemas
{
    private const string ComponentsPath = "#/components/schemas/";

    public static IOpenApiSchema From(JsonNode? node, OpenApiDocument document)
    {
        if (node is not JsonObject json)
        {
            // true: anything.
            return new OpenApiSchema();
        }

        if (json["$ref"]?.GetValue<string>() is { } reference)
        {
            if (json.Any(keyword => keyword.Key is not "$ref" and not "description"))
            {
                throw new InvalidOperationException(
                    $"A reference to {reference} carries {string.Join(", ", json.Select(k => k.Key))}; only a description may sit beside a reference here.");
            }

            return new OpenApiSchemaReference(reference[ComponentsPath.Length..], document)
            {
                Description = json["description"]?.GetValue<string>(),
            };
        }

        var schema = new OpenApiSchema();
        foreach (var (keyword, value) in json)
        {
            switch (keyword)
            {
                case "type":
                    schema.Type = TypeOf(value!);
                    break;
                case "description":
                    schema.Description = value!.GetValue<string>();
                    break;
                case "format":
                    schema.Format = value!.GetValue<string>();
                    break;
                case "pattern":
                    schema.Pattern = value!.GetValue<string>();
                    break;
                case "contentEncoding":
                    schema.ContentEncoding = value!.GetValue<string>();
                    break;
                case "minLength":
                    schema.MinLength = value!.GetValue<int>();
                    break;
                case "maxLength":
                    schema.MaxLength = value!.GetValue<int>();
                    break;
                case "minItems":
                    schema.MinItems = value!.GetValue<int>();
                    break;
                case "maxItems":
                    schema.MaxItems = value!.GetValue<int>();
                    break;
                case "minimum":
                    schema.Minimum = Number(value!);
                    break;
                case "maximum":
                    schema.Maximum = Number(value!);
                    break;
                case "exclusiveMinimum":
                    schema.ExclusiveMinimum = Number(value!);
                    break;
                case "exclusiveMaximum":
                    schema.ExclusiveMaximum = Number(value!);
                    break;
                case "default":
                    schema.Default = value?.DeepClone();
                    break;
                case "enum":
                    schema.Enum = [.. value!.AsArray().Select(v => v!.DeepClone())];
                    break;
                case "required":
                    schema.Required = new HashSet<string>(value!.AsArray().Select(v => v!.GetValue<string>()), StringComparer.Ordinal);
                    break;
                case "properties":
                    schema.Properties = value!.AsObject().ToDictionary(p => p.Key, p => From(p.Value, document), StringComparer.Ordinal);
                    break;
                case "items":
                    schema.Items = From(value, document);
                    break;
                case "additionalProperties":
                    if (value is JsonValue flag && flag.GetValueKind() == System.Text.Json.JsonValueKind.False)
                    {
                        schema.AdditionalPropertiesAllowed = false;
                    }
                    else
                    {
                        schema.AdditionalProperties = From(value, document);
                    }

                    break;
                case "allOf":
                    schema.AllOf = [.. value!.AsArray().Select(v => From(v, document))];
                    break;
                case "anyOf":
                    schema.AnyOf = [.. value!.AsArray().Select(v => From(v, document))];
                    break;
                default:
                    throw new InvalidOperationException($"The JSON Schema keyword '{keyword}' has no place in the API description's reader yet.");
            }
        }

        return schema;
    }

    private static JsonSchemaType TypeOf(JsonNode type) => type is JsonArray names
        ? names.Select(n => TypeOf(n!)).Aggregate((a, b) => a | b)
        : type.GetValue<string>() switch
        {
            "null" => JsonSchemaType.Null,
            "boolean" => JsonSchemaType.Boolean,
            "integer" => JsonSchemaType.Integer,
            "number" => JsonSchemaType.Number,
            "string" => JsonSchemaType.String,
            "object" => JsonSchemaType.Object,
            "array" => JsonSchemaType.Array,
            var other => throw new InvalidOperationException($"'{other}' is not a JSON Schema type."),
        };

    private static string Number(JsonNode value) => value.ToJsonString() is var text && text.StartsWith('"')
        ? value.GetValue<string>()
        : decimal.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture);
}
