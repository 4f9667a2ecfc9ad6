using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace ServerlessCqrs.Infra.Tests.Bicep;

/// <summary>
/// The parameters <c>azd provision</c> passes to infra/main.bicep: infra/main.parameters.json with each
/// <c>${NAME}</c> or <c>${NAME=default}</c> replaced from the azd environment, as azd substitutes them.
/// </summary>
internal static partial class AzdEnvironment
{
    public static IReadOnlyDictionary<string, string> Parameters(IReadOnlyDictionary<string, string> environment)
    {
        var mapped = JsonNode.Parse(File.ReadAllText(Repository.PathOf("infra/main.parameters.json")))!["parameters"]!.AsObject();
        return mapped.ToDictionary(
            p => p.Key,
            p => Variable().Replace(p.Value!["value"]!.GetValue<string>(), m =>
                environment.TryGetValue(m.Groups["name"].Value, out var value) ? value : m.Groups["default"].Value));
    }

    [GeneratedRegex(@"\$\{(?<name>[A-Z_]+)(=(?<default>[^}]*))?\}")]
    private static partial Regex Variable();
}
