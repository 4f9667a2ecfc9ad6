using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;

namespace ServerlessCqrs.Ops.Tests.StandIn;

/// <summary>
/// Validates request bodies against OpenObserve's contracts the way the server rejects them: the schema's
/// constraints with the status each carries (<c>x-o2-status</c>), 422 for any other data error, and integers
/// written with a fraction (<c>5.0</c>) refused where an integer is required, as serde refuses them.
/// </summary>
public sealed class ContractValidator
{
    private static readonly string Directory = Path.Combine(AppContext.BaseDirectory, "Contracts", "openobserve");
    private readonly Dictionary<string, (JsonSchema Schema, JsonNode Raw)> _schemas = [];

    public ContractValidator()
    {
        foreach (var file in System.IO.Directory.GetFiles(Directory, "*.schema.json"))
        {
            var name = Path.GetFileName(file)[..^".schema.json".Length];
            var text = File.ReadAllText(file);
            _schemas[name] = (JsonSchema.FromText(text, new BuildOptions { SchemaRegistry = new SchemaRegistry() }), JsonNode.Parse(text)!);
        }
    }

    /// <summary>The contracts' own valid examples.</summary>
    public static IEnumerable<(string Contract, string File)> Examples() =>
        from file in System.IO.Directory.GetFiles(Path.Combine(Directory, "examples"), "*.example.json")
        let name = Path.GetFileName(file)
        select (name.Split('.')[0], file);

    /// <summary>Why <paramref name="body"/> is rejected, with the status, or <see langword="null"/> when it is accepted.</summary>
    public (int Status, string Message)? Check(string contract, JsonNode body)
    {
        var (schema, raw) = _schemas[contract];
        var results = schema.Evaluate(JsonSerializer.SerializeToElement(Strict(body.DeepClone())), new EvaluationOptions { OutputFormat = OutputFormat.Hierarchical });
        if (results.IsValid)
        {
            return null;
        }

        var failures = Failures(results).ToArray();
        var status = failures.Select(f => StatusOf(raw, f.SchemaLocation)).Where(s => s is not null).Select(s => s!.Value).DefaultIfEmpty(422).Min();
        var message = string.Join("; ", failures.SelectMany(f => f.Errors is { Count: > 0 } errors
            ? errors.Select(e => $"{f.InstanceLocation}: {e.Value}")
            : [$"{f.InstanceLocation}: fails {f.SchemaLocation.Fragment}"]).Take(3));
        return (status, $"{contract}: {message}");
    }

    /// <summary>
    /// The invalid nodes with errors, found by descending through invalid nodes only: an alternative of an
    /// <c>anyOf</c> that held, or an <c>if</c> not taken, sits under a valid node and is not a failure.
    /// </summary>
    private static IEnumerable<EvaluationResults> Failures(EvaluationResults node)
    {
        var invalid = (node.Details ?? []).Where(d => !d.IsValid).ToArray();
        // A failed "not" leaves its node invalid with a valid child and no error message.
        if (node.Errors is { Count: > 0 } || invalid.Length == 0)
        {
            yield return node;
        }

        foreach (var failure in invalid.SelectMany(Failures))
        {
            yield return failure;
        }
    }

    /// <summary>
    /// An integral number written with a fraction or exponent (<c>5.0</c>, <c>1e2</c>) is nudged off the integer
    /// grid, so a schema <c>integer</c> rejects it as serde does, while a <c>number</c> still accepts it.
    /// </summary>
    private static JsonNode? Strict(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject json:
                foreach (var name in json.Select(p => p.Key).ToArray())
                {
                    if (Strict(json[name]) is var strict && !ReferenceEquals(strict, json[name]))
                    {
                        json[name] = strict;
                    }
                }

                return json;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    if (Strict(array[i]) is var strict && !ReferenceEquals(strict, array[i]))
                    {
                        array[i] = strict;
                    }
                }

                return array;
            case JsonValue value when value.GetValueKind() == JsonValueKind.Number:
                var text = value.ToJsonString();
                var number = decimal.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);
                return text.IndexOfAny(['.', 'e', 'E']) >= 0 && number == decimal.Truncate(number) ? JsonValue.Create(number + 0.5m) : value;
            default:
                return node;
        }
    }

    /// <summary>The <c>x-o2-status</c> on the failing subschema or the nearest one above it (an object of statuses gives its first).</summary>
    private static int? StatusOf(JsonNode raw, Uri schemaLocation)
    {
        var segments = Uri.UnescapeDataString(schemaLocation.Fragment.TrimStart('#')).Split('/', StringSplitOptions.RemoveEmptyEntries);
        for (var length = segments.Length; length >= 0; length--)
        {
            var node = raw;
            foreach (var segment in segments.Take(length))
            {
                node = node switch
                {
                    JsonArray array when int.TryParse(segment, out var index) => array[index],
                    JsonObject json => json[segment.Replace("~1", "/").Replace("~0", "~")],
                    _ => null,
                };
            }

            switch ((node as JsonObject)?["x-o2-status"])
            {
                case JsonValue value when value.GetValueKind() == JsonValueKind.Number:
                    return value.GetValue<int>();
                case JsonObject statuses:
                    return statuses.Select(s => s.Value!.GetValue<int>()).Min();
            }
        }

        return null;
    }
}
