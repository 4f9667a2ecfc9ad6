using System.Globalization;
using System.Text.Json.Nodes;

namespace ServerlessCqrs.Infra.Tests.Bicep;

/// <summary>
/// Evaluates what <c>bicep snapshot</c> leaves of ARM template expressions: the parts only a deployment
/// knows — <c>reference()</c>, <c>listKeys()</c> (answered by <see cref="AzureStandIn"/>) and secure
/// parameters. Only the functions our templates compile to are known; any other fails, naming it, so a
/// template change cannot slip through unevaluated.
/// </summary>
internal sealed class ArmExpressions(AzureStandIn azure, IReadOnlyDictionary<string, string> parameters)
{
    /// <summary>A copy of <paramref name="node"/> with every expression string replaced by its value.</summary>
    public JsonNode? Resolve(JsonNode? node) => node switch
    {
        JsonObject obj => new JsonObject(obj.Select(p => KeyValuePair.Create(p.Key, Resolve(p.Value)))),
        JsonArray array => new JsonArray([.. array.Select(Resolve)]),
        JsonValue value when value.TryGetValue<string>(out var text) => Evaluate(text),
        _ => node?.DeepClone(),
    };

    /// <summary>The value of <paramref name="text"/>: an expression when it is in brackets, else the text itself.</summary>
    public JsonNode? Evaluate(string text)
    {
        if (!text.StartsWith('[') || !text.EndsWith(']') || text.StartsWith("[[", StringComparison.Ordinal))
        {
            return JsonValue.Create(text.StartsWith("[[", StringComparison.Ordinal) ? text[1..] : text);
        }

        var reader = new ArmExpressionReader(text[1..^1]);
        var value = Expression(reader);
        reader.ExpectEnd();
        return value;
    }

    private JsonNode? Expression(ArmExpressionReader reader)
    {
        var value = Primary(reader);
        while (true)
        {
            if (reader.TryTake('.'))
            {
                var name = reader.Identifier();
                value = (value as JsonObject)?.FirstOrDefault(p => p.Key.Equals(name, StringComparison.OrdinalIgnoreCase)).Value
                    ?? throw new InvalidOperationException($"No property {name} in {value?.ToJsonString()}.");
            }
            else if (reader.TryTake('['))
            {
                var index = Expression(reader);
                reader.Expect(']');
                value = value is JsonArray array ? array[(int)Number(index)] : value?[Text(index)];
            }
            else
            {
                return value?.DeepClone();
            }
        }
    }

    private JsonNode? Primary(ArmExpressionReader reader)
    {
        if (reader.TryString(out var literal))
        {
            return JsonValue.Create(literal);
        }

        if (reader.TryNumber(out var number))
        {
            return JsonValue.Create(number);
        }

        var name = reader.Identifier();
        if (name is "true" or "false" or "null")
        {
            return name == "null" ? null : JsonValue.Create(name == "true");
        }

        reader.Expect('(');
        var arguments = new List<JsonNode?>();
        if (!reader.TryTake(')'))
        {
            do
            {
                arguments.Add(Expression(reader));
            }
            while (reader.TryTake(','));
            reader.Expect(')');
        }

        return Call(name, arguments);
    }

    private JsonNode? Call(string name, List<JsonNode?> args) => name.ToLowerInvariant() switch
    {
        "parameters" => JsonValue.Create(parameters.TryGetValue(Text(args[0]), out var value)
            ? value : throw new InvalidOperationException($"The snapshot left parameter {Text(args[0])} unevaluated and the test gave no value.")),
        "reference" => azure.Reference(Text(args[0])),
        "listkeys" => AzureStandIn.ListKeys(Text(args[0])),
        "environment" => AzureStandIn.Environment(),
        "format" => JsonValue.Create(string.Format(CultureInfo.InvariantCulture, Text(args[0]), [.. args.Skip(1).Select(a => (object)Text(a))])),
        "concat" => JsonValue.Create(string.Concat(args.Select(Text))),
        "union" => new JsonObject(args.OfType<JsonObject>().SelectMany(o => o).GroupBy(p => p.Key)
            .Select(g => KeyValuePair.Create(g.Key, g.Last().Value?.DeepClone()))),
        "if" => Bool(args[0]) ? args[1] : args[2],
        "empty" => JsonValue.Create(args[0] switch { null => true, JsonObject o => o.Count == 0, JsonArray a => a.Count == 0, var v => Text(v).Length == 0 }),
        "not" => JsonValue.Create(!Bool(args[0])),
        "equals" => JsonValue.Create(JsonNode.DeepEquals(args[0], args[1])),
        "string" => JsonValue.Create(Text(args[0])),
        "tolower" => JsonValue.Create(Text(args[0]).ToLowerInvariant()),
        "guid" => JsonValue.Create(AzureStandIn.StableGuid(string.Join("|", args.Select(Text)))),
        "extensionresourceid" => JsonValue.Create($"{Text(args[0])}/providers/{Text(args[1])}/{Text(args[2])}"),
        _ => throw new NotSupportedException($"The template function {name}() is not known to this evaluator; teach it or the stand-in."),
    };

    private static string Text(JsonNode? node) => node switch
    {
        null => "",
        JsonValue value when value.TryGetValue<string>(out var text) => text,
        JsonValue value when value.TryGetValue<bool>(out var flag) => flag ? "True" : "False",
        JsonValue value => value.ToJsonString(),
        _ => node.ToJsonString(),
    };

    private static bool Bool(JsonNode? node) => node is JsonValue value && value.TryGetValue<bool>(out var flag)
        ? flag : throw new InvalidOperationException($"{node?.ToJsonString()} is not a boolean.");

    private static double Number(JsonNode? node) => double.Parse(Text(node), CultureInfo.InvariantCulture);
}
