using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;

namespace ServerlessCqrs.IntegrationTests.ApiDescription;

/// <summary>
/// Checks a real response against what an OpenAPI document says of it: the status is documented for the operation, the
/// media type is one it lists, the body holds to its JSON Schema (JsonSchema.Net, draft 2020-12, with the document's
/// components as <c>$defs</c>), a problem's <c>code</c> is one of the response's named examples, and each documented
/// header is there when required and holds to its schema.
/// </summary>
internal sealed class DocumentedResponses(JsonObject document)
{
    private static readonly EvaluationOptions Evaluation = new() { OutputFormat = OutputFormat.List };
    private readonly HashSet<(string Method, string Path)> _exercised = [];

    /// <summary>The operations a checked response came from.</summary>
    public IReadOnlySet<(string Method, string Path)> Exercised => _exercised;

    /// <summary>Every operation in the document.</summary>
    public IEnumerable<(string Method, string Path)> Operations =>
        document["paths"]!.AsObject().SelectMany(p => p.Value!.AsObject().Select(o => (o.Key.ToUpperInvariant(), p.Key)));

    public static async Task<DocumentedResponses> ReadAsync(HttpClient client) =>
        new(JsonNode.Parse(await client.GetStringAsync("/api/openapi.json"))!.AsObject());

    /// <summary>Why the response breaks the document, or nothing.</summary>
    public async Task<IReadOnlyList<string>> CheckAsync(HttpMethod method, string path, HttpResponseMessage response)
    {
        var where = $"{method} {path} -> {(int)response.StatusCode}";
        var pathOnly = path.Split('?')[0];
        var operation = document["paths"]?[pathOnly]?[method.Method.ToLowerInvariant()];
        if (operation is null)
        {
            return [$"{where}: the document has no such operation"];
        }

        _exercised.Add((method.Method, pathOnly));
        var documented = operation["responses"]?[((int)response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture)];
        if (documented is null)
        {
            return [$"{where}: status not documented"];
        }

        documented = Resolve(documented);
        var failures = new List<string>();
        var body = await response.Content.ReadAsStringAsync();
        if (documented["content"] is JsonObject content)
        {
            var mediaType = response.Content.Headers.ContentType?.MediaType ?? "(none)";
            if (content[mediaType] is not JsonObject media)
            {
                failures.Add($"{where}: media type {mediaType} is not documented ({string.Join(", ", content.Select(c => c.Key))})");
            }
            else
            {
                failures.AddRange(Validate(media["schema"]!, JsonDocument.Parse(body).RootElement).Select(e => $"{where}: body {e}"));
                if (media["examples"] is JsonObject examples && JsonNode.Parse(body)?["code"]?.GetValue<string>() is { } code && !examples.ContainsKey(code))
                {
                    failures.Add($"{where}: code '{code}' is not documented ({string.Join(", ", examples.Select(e => e.Key))})");
                }
            }
        }
        else if (body.Length > 0)
        {
            failures.Add($"{where}: a body where none is documented: {body}");
        }

        foreach (var (name, header) in documented["headers"]?.AsObject() ?? [])
        {
            var definition = Resolve(header!);
            var value = response.Headers.TryGetValues(name, out var values) || response.Content.Headers.TryGetValues(name, out values)
                ? string.Join(", ", values)
                : null;
            if (value is null)
            {
                if (definition["required"]?.GetValue<bool>() == true)
                {
                    failures.Add($"{where}: required header {name} is missing");
                }

                continue;
            }

            var instance = definition["schema"]?["type"]?.GetValue<string>() == "integer" && long.TryParse(value, out var number)
                ? JsonSerializer.SerializeToElement(number)
                : JsonSerializer.SerializeToElement(value);
            failures.AddRange(Validate(definition["schema"]!, instance).Select(e => $"{where}: header {name} '{value}' {e}"));
        }

        return failures;
    }

    /// <summary>A <c>$ref</c> to a component, followed; anything else as it is.</summary>
    private JsonNode Resolve(JsonNode node) =>
        node["$ref"]?.GetValue<string>() is { } reference
            ? reference.TrimStart('#').Split('/', StringSplitOptions.RemoveEmptyEntries).Aggregate((JsonNode)document, (n, part) => n[part]!)
            : node;

    private IEnumerable<string> Validate(JsonNode schema, JsonElement instance)
    {
        var definitions = document["components"]!["schemas"]!.DeepClone();
        var standalone = new JsonObject
        {
            ["$schema"] = "https://json-schema.org/draft/2020-12/schema",
            ["$defs"] = Rewritten(definitions),
            ["allOf"] = new JsonArray(Rewritten(schema.DeepClone())),
        };
        var results = JsonSchema.FromText(standalone.ToJsonString(), new BuildOptions { SchemaRegistry = new SchemaRegistry() }).Evaluate(instance, Evaluation);
        return results.IsValid
            ? []
            : (results.Details ?? []).Where(d => d.Errors is { Count: > 0 }).SelectMany(d => d.Errors!.Select(e => $"at {d.InstanceLocation}: {e.Value}"))
                .DefaultIfEmpty("does not match its schema");
    }

    /// <summary>Points the document's component references at <c>$defs</c>.</summary>
    private static JsonNode Rewritten(JsonNode node) =>
        JsonNode.Parse(node.ToJsonString().Replace("#/components/schemas/", "#/$defs/", StringComparison.Ordinal))!;
}
