using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Schema;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace ServerlessCqrs.Http.ApiDescription;

/// <summary>
/// JSON Schemas (draft 2020-12, as OpenAPI 3.1 uses) of messages and results, exported by System.Text.Json from the
/// serializer options the edge binds and writes with — so the description and the wire cannot disagree. Named object
/// types and enums become components, referenced by <c>#/components/schemas/{name}</c>; fields carry their
/// validation rules and XML documentation.
/// </summary>
internal sealed class MessageSchemas(JsonSerializerOptions serializerOptions, XmlDocumentation documentation)
{
    private const string ComponentsPath = "#/components/schemas/";
    private readonly Dictionary<Type, string> _names = [];
    private readonly SortedDictionary<string, JsonObject> _components = new(StringComparer.Ordinal);

    /// <summary>The named schemas referenced so far, by name.</summary>
    public IReadOnlyDictionary<string, JsonObject> Components => _components;

    /// <summary>Adds the schema of a message, which a client sends: only what it must send is required.</summary>
    public void AddRequest(Type type) => Export(type, written: false);

    /// <summary>Adds the schema of a result, which the server writes: every field it always writes is required.</summary>
    public void AddResponse(Type type) => Export(type, written: true);

    /// <summary>The schema of one field of a message as a query-string parameter, which is never null: it is there or not.</summary>
    public JsonObject Field(JsonPropertyInfo property)
    {
        var field = (JsonObject)_components[_names[property.DeclaringType]]["properties"]![property.Name]!.DeepClone();
        WithoutType(field, "null");
        return field;
    }

    /// <summary>The component name of a type already exported.</summary>
    public string NameOf(Type type) => _names[type];

    private static JsonObject Reference(string name) => new() { ["$ref"] = ComponentsPath + name };

    private void Export(Type type, bool written)
    {
        var exporter = new JsonSchemaExporterOptions
        {
            TreatNullObliviousAsNonNullable = true,
            TransformSchemaNode = (context, node) => Transform(context, node, written),
        };
        serializerOptions.GetJsonSchemaAsNode(type, exporter);
    }

    private JsonNode Transform(JsonSchemaExporterContext context, JsonNode node, bool written)
    {
        if (node is not JsonObject schema)
        {
            return node;
        }

        NumbersAsNumbers(schema);
        if (IsNamed(context.TypeInfo))
        {
            var name = Hoist(context.TypeInfo, schema, written);
            schema = Reference(name);
        }

        if (context.PropertyInfo is { AttributeProvider: { } member })
        {
            ValidationKeywords.Apply(schema, member);
            if (member is PropertyInfo clrProperty && documentation.Of(clrProperty) is { } description)
            {
                schema["description"] = description;
            }
        }

        return schema;
    }

    /// <summary>Named: an object with properties, or an enum; not a collection, a primitive or a nullable wrapper.</summary>
    private static bool IsNamed(JsonTypeInfo info) =>
        info.Kind == JsonTypeInfoKind.Object && info.Properties.Count > 0 || info.Kind == JsonTypeInfoKind.None && info.Type.IsEnum;

    private string Hoist(JsonTypeInfo info, JsonObject schema, bool written)
    {
        if (_names.TryGetValue(info.Type, out var existing))
        {
            return existing;
        }

        var name = ComponentName(info.Type);
        _names.Add(info.Type, name);
        if (info.Kind == JsonTypeInfoKind.Object)
        {
            Require(info, schema, written);
        }
        else
        {
            // Enums travel as their names (JsonStringEnumConverter); the exporter lists them without a type.
            schema["type"] ??= "string";
        }

        if (documentation.Of(info.Type) is { } description)
        {
            schema["description"] = description;
        }

        _components[name] = schema;
        return name;
    }

    /// <summary>
    /// Requests: what the serializer needs plus <c>[Required]</c> fields. Results: every field the server always
    /// writes, so a generated client types them as present.
    /// </summary>
    private static void Require(JsonTypeInfo info, JsonObject schema, bool written)
    {
        var required = info.Properties
            .Where(p => written
                ? p.Get is not null && !IsSometimesOmitted(p)
                : p.IsRequired || ValidationKeywords.IsRequired(p.AttributeProvider))
            .Select(p => (JsonNode)p.Name)
            .ToList();
        schema.Remove("required");
        if (required.Count > 0)
        {
            // Required after properties, where a reader looks for it.
            schema["required"] = new JsonArray([.. required]);
        }
    }

    private static bool IsSometimesOmitted(JsonPropertyInfo property) =>
        property.ShouldSerialize is not null
        || property.AttributeProvider?.GetCustomAttributes(typeof(JsonIgnoreAttribute), inherit: true)
            .OfType<JsonIgnoreAttribute>().Any(i => i.Condition != JsonIgnoreCondition.Never) == true;

    /// <summary>
    /// The edge also reads numbers written as strings (the query string needs it), which the exporter describes as
    /// <c>["string","number"]</c> with a pattern; the description names the JSON number a client should send.
    /// </summary>
    private static void NumbersAsNumbers(JsonObject schema)
    {
        var types = ValidationKeywords.TypeNames(schema);
        if (types.Contains("string") && (types.Contains("number") || types.Contains("integer")))
        {
            WithoutType(schema, "string");
            schema.Remove("pattern");
        }
    }

    /// <summary>Takes <paramref name="name"/> out of the schema's <c>type</c> list, if the list has it beside others.</summary>
    private static void WithoutType(JsonObject schema, string name)
    {
        var types = ValidationKeywords.TypeNames(schema);
        if (types.Count > 1 && types.Contains(name))
        {
            var remaining = types.Where(t => t != name).ToList();
            schema["type"] = remaining.Count == 1 ? remaining[0] : new JsonArray([.. remaining.Select(t => (JsonNode)t)]);
        }
    }

    private string ComponentName(Type type)
    {
        var name = type.IsGenericType
            ? type.Name[..type.Name.IndexOf('`', StringComparison.Ordinal)] + "Of" + string.Concat(type.GenericTypeArguments.Select(a => a.Name))
            : type.Name;
        return _components.ContainsKey(name) ? (type.Namespace?.Replace(".", "", StringComparison.Ordinal) ?? "") + name : name;
    }
}
