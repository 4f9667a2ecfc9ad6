using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ServerlessCqrs.Http.ApiDescription;

/// <summary>
/// <c>GET /api/catalog</c>: a short index of the API — each command and query with its route, domain, summary, who may
/// send it, its problems by status, and where its schemas are in the OpenAPI document — and each event with its version (events do not travel over HTTP).
/// A view of the same <see cref="ApiModel"/> as the OpenAPI document, so the two cannot disagree.
/// </summary>
internal static class CatalogDocument
{
    public static byte[] Build(ApiModel model)
    {
        var document = new JsonObject
        {
            ["openapi"] = "/api/openapi.json",
            ["commands"] = new JsonArray([.. model.Messages.Where(m => m.Descriptor.Kind == MessageKind.Command).Select(m => (JsonNode)Describe(model, m))]),
            ["queries"] = new JsonArray([.. model.Messages.Where(m => m.Descriptor.Kind == MessageKind.Query).Select(m => (JsonNode)Describe(model, m))]),
            ["events"] = new JsonArray([.. model.Events.Select(e => (JsonNode)new JsonObject { ["name"] = e.Name, ["version"] = e.Version })]),
        };
        return JsonSerializer.SerializeToUtf8Bytes(document);
    }

    private static JsonObject Describe(ApiModel model, ApiMessage message) => new()
    {
        ["name"] = message.Descriptor.Name,
        ["methods"] = string.Join(", ", message.Operations.Select(o => o.Method)),
        ["route"] = message.Path,
        ["tag"] = message.Tag,
        ["summary"] = XmlDocumentation.FirstSentence(message.Description),
        ["authorization"] = new JsonObject
        {
            ["authenticated"] = message.Access.Authenticated,
            ["roles"] = new JsonArray([.. message.Access.Roles.Select(r => (JsonNode)r)]),
            ["policies"] = new JsonArray([.. message.Access.Policies.Select(p => (JsonNode)p)]),
        },
        ["schema"] = SchemaPointer(model, message.Descriptor.MessageType),
        ["result"] = message.Descriptor.ResultType is { } result ? SchemaPointer(model, result) : null,
        ["problems"] = new JsonObject(message.Operations.SelectMany(o => o.Problems).GroupBy(p => p.Status).OrderBy(g => g.Key)
            .Select(g => KeyValuePair.Create(g.Key.ToString(CultureInfo.InvariantCulture),
                (JsonNode?)new JsonArray([.. g.SelectMany(p => p.Codes).Distinct().Order(StringComparer.Ordinal).Select(c => (JsonNode)c)])))),
    };

    private static string SchemaPointer(ApiModel model, Type type) => "/api/openapi.json#/components/schemas/" + model.Schemas.NameOf(type);
}
