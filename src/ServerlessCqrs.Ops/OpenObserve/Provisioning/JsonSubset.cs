using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ServerlessCqrs.Ops.OpenObserve.Provisioning;

/// <summary>
/// Whether what OpenObserve holds already says everything provisioning would send: every property of the
/// desired body is in the stored one with the same value (numbers by value, arrays item by item), while
/// the server's own additions — ids, owners, timestamps, defaults it fills in — are ignored. An empty or
/// null desired value is met by a missing one, since servers omit empty lists.
/// </summary>
internal static class JsonSubset
{
    /// <summary>The paths where <paramref name="actual"/> does not say what <paramref name="desired"/> does; empty when it does.</summary>
    public static IReadOnlyList<string> Differences(JsonNode? desired, JsonNode? actual)
    {
        var differences = new List<string>();
        Compare(desired, actual, "", differences);
        return differences;
    }

    private static void Compare(JsonNode? desired, JsonNode? actual, string path, List<string> differences)
    {
        if (IsNothing(desired) && IsNothing(actual))
        {
            return;
        }

        if (desired is JsonObject wantedObject && actual is JsonObject storedObject)
        {
            foreach (var (name, value) in wantedObject)
            {
                Compare(value, storedObject[name], path.Length == 0 ? name : $"{path}.{name}", differences);
            }
        }
        else if (desired is JsonArray wantedArray && actual is JsonArray storedArray && storedArray.Count == wantedArray.Count)
        {
            for (var i = 0; i < wantedArray.Count; i++)
            {
                Compare(wantedArray[i], storedArray[i], $"{path}[{i}]", differences);
            }
        }
        else if (!(desired is JsonValue wantedValue && actual is JsonValue storedValue && SameValue(wantedValue, storedValue)))
        {
            differences.Add(path);
        }
    }

    private static bool IsNothing(JsonNode? node) => node switch
    {
        null => true,
        JsonArray array => array.Count == 0,
        JsonObject json => json.Count == 0,
        _ => node.GetValueKind() == JsonValueKind.Null,
    };

    private static bool SameValue(JsonValue wanted, JsonValue stored) => (wanted.GetValueKind(), stored.GetValueKind()) switch
    {
        (JsonValueKind.Number, JsonValueKind.Number) =>
            decimal.Parse(wanted.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture) ==
            decimal.Parse(stored.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture),
        (JsonValueKind.String, JsonValueKind.String) => wanted.GetValue<string>() == stored.GetValue<string>(),
        var (a, b) => a == b && a is JsonValueKind.True or JsonValueKind.False,
    };
}
