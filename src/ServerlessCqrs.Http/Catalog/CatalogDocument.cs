using System.ComponentModel.DataAnnotations;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;
using ServerlessCqrs.Registry;
using ServerlessCqrs.Security;

namespace ServerlessCqrs.Http.Catalog;

/// <summary>
/// <c>GET /api/catalog</c>: every command and query with its route, who may send it and its JSON fields
/// (name, type, whether required, nested fields and enum values), and every event with its version. Built once
/// from the same JSON contracts the edge binds with, so it cannot disagree with them.
/// </summary>
internal static class CatalogDocument
{
    private const int MaxDepth = 8;

    /// <param name="registry">The messages.</param>
    /// <param name="defaultNeedsAuthentication">Whether a message that declares nothing needs an authenticated caller (a default policy is set).</param>
    public static byte[] Build(MessageRegistry registry, bool defaultNeedsAuthentication)
    {
        var messages = registry.Messages.ToList();
        var document = new JsonObject
        {
            ["commands"] = new JsonArray([.. messages.Where(m => m.Kind == MessageKind.Command).Select(m => (JsonNode)Describe(m, "POST", "commands", defaultNeedsAuthentication))]),
            ["queries"] = new JsonArray([.. messages.Where(m => m.Kind == MessageKind.Query).Select(m => (JsonNode)Describe(m, "GET, POST", "queries", defaultNeedsAuthentication))]),
            ["events"] = new JsonArray([.. messages.Where(m => m.Kind == MessageKind.Event)
                .Select(m => (JsonNode)new JsonObject { ["name"] = m.Name, ["version"] = m.Version, ["fields"] = Fields(m.JsonTypeInfo, 0) })]),
        };
        return JsonSerializer.SerializeToUtf8Bytes(document);
    }

    private static JsonObject Describe(MessageDescriptor message, string methods, string route, bool defaultNeedsAuthentication) => new JsonObject
    {
        ["name"] = message.Name,
        ["methods"] = methods,
        ["route"] = $"/api/{route}/{message.Name}",
        ["authorization"] = Authorization(MessageAuthorizationData.Of(message.MessageType), defaultNeedsAuthentication),
        ["fields"] = Fields(message.JsonTypeInfo, 0),
    };

    /// <summary><c>{"authenticated": bool, "roles": [...], "policies": [...]}</c>: what a caller needs.</summary>
    private static JsonObject Authorization(MessageAuthorizationData declared, bool defaultNeedsAuthentication) => new()
    {
        ["authenticated"] = !declared.AllowAnonymous && (declared.Authorize.Count > 0 || defaultNeedsAuthentication),
        ["roles"] = new JsonArray([.. declared.AllowAnonymous ? [] : declared.Roles.Select(r => (JsonNode)r)]),
        ["policies"] = new JsonArray([.. declared.AllowAnonymous ? [] : declared.Policies.Select(p => (JsonNode)p)]),
    };

    private static JsonArray Fields(JsonTypeInfo type, int depth) =>
        [.. type.Properties.Select(p => (JsonNode)Field(p, depth))];

    private static JsonObject Field(JsonPropertyInfo property, int depth)
    {
        var field = new JsonObject { ["name"] = property.Name };
        Describe(field, property.Options.GetTypeInfo(property.PropertyType), depth);
        field["required"] = property.IsRequired
            || property.AttributeProvider is MemberInfo member && member.IsDefined(typeof(RequiredAttribute), inherit: true);
        return field;
    }

    private static void Describe(JsonObject field, JsonTypeInfo type, int depth)
    {
        var clrType = Nullable.GetUnderlyingType(type.Type) ?? type.Type;
        switch (type.Kind)
        {
            case JsonTypeInfoKind.Object when depth < MaxDepth:
                field["type"] = "object";
                field["fields"] = Fields(type, depth + 1);
                break;
            case JsonTypeInfoKind.Enumerable when type.ElementType is { } element && depth < MaxDepth:
                field["type"] = "array";
                var items = new JsonObject();
                Describe(items, type.Options.GetTypeInfo(element), depth + 1);
                field["items"] = items;
                break;
            case JsonTypeInfoKind.None when clrType.IsEnum:
                field["type"] = "string";
                field["enum"] = new JsonArray([.. Enum.GetNames(clrType).Select(n => (JsonNode)n)]);
                break;
            case JsonTypeInfoKind.None:
                field["type"] = JsonTypeOf(clrType);
                break;
            default:
                field["type"] = "object";
                break;
        }
    }

    private static string JsonTypeOf(Type type) => Type.GetTypeCode(type) switch
    {
        TypeCode.Boolean => "boolean",
        TypeCode.Byte or TypeCode.SByte or TypeCode.Int16 or TypeCode.UInt16 or TypeCode.Int32 or TypeCode.UInt32
            or TypeCode.Int64 or TypeCode.UInt64 => "integer",
        TypeCode.Single or TypeCode.Double or TypeCode.Decimal => "number",
        _ => "string",
    };
}
