using System.Reflection;
using System.Text;
using System.Text.Json.Serialization.Metadata;

namespace ServerlessCqrs.Pipeline.Validation;

/// <summary>
/// Microsoft.Extensions.Validation names an error by its CLR property path (<c>Lines[1].Quantity</c>); callers
/// sent JSON, so errors are reported under the JSON path (<c>lines[1].quantity</c>), and a rule of the message
/// as a whole under <c>$</c>.
/// </summary>
internal static class ValidationPaths
{
    public const string Root = "$";

    public static string ToJson(string clrPath, JsonTypeInfo root)
    {
        if (clrPath.Length == 0)
        {
            return Root;
        }

        var json = new StringBuilder(clrPath.Length);
        JsonTypeInfo? contract = root;
        foreach (var segment in clrPath.Split('.'))
        {
            var bracket = segment.IndexOf('[', StringComparison.Ordinal);
            var name = bracket < 0 ? segment : segment[..bracket];
            var property = contract?.Properties.FirstOrDefault(p => p.AttributeProvider is MemberInfo member && member.Name == name);
            json.Append(json.Length == 0 ? "" : ".").Append(property?.Name ?? name);
            contract = property is null ? null : contract!.Options.GetTypeInfo(property.PropertyType);
            if (bracket >= 0)
            {
                json.Append(segment, bracket, segment.Length - bracket);
                contract = contract?.ElementType is { } element ? contract.Options.GetTypeInfo(element) : null;
            }
        }

        return json.ToString();
    }
}
