using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Reflection;
using System.Text.Json.Nodes;

namespace ServerlessCqrs.Http.ApiDescription;

/// <summary>
/// A field's validation attributes as the JSON Schema keywords that say the same, so a client can check before it
/// sends: lengths, ranges, patterns, allowed values. The validation stage stays the authority; this only describes it.
/// </summary>
internal static class ValidationKeywords
{
    /// <summary>
    /// The JSON pattern equivalent of <see cref="ResourceIdAttribute"/>: no <c>/ \ # ? |</c> and no control characters.
    /// </summary>
    public const string ResourceIdPattern = @"^[^/\\#?|\u0000-\u001F\u007F-\u009F]*$";

    /// <summary>Whether the member carries <see cref="RequiredAttribute"/>.</summary>
    public static bool IsRequired(ICustomAttributeProvider? member) =>
        member is MemberInfo info && info.IsDefined(typeof(RequiredAttribute), inherit: true);

    /// <summary>Adds the keywords of the member's attributes to its schema.</summary>
    public static void Apply(JsonObject schema, ICustomAttributeProvider member)
    {
        var isArray = TypeNames(schema).Contains("array");
        foreach (var attribute in member.GetCustomAttributes(inherit: true))
        {
            switch (attribute)
            {
                case RequiredAttribute { AllowEmptyStrings: false } when TypeNames(schema).Contains("string"):
                    AtLeast(schema, "minLength", 1);
                    break;
                case StringLengthAttribute length:
                    AtMost(schema, "maxLength", length.MaximumLength);
                    AtLeast(schema, "minLength", length.MinimumLength);
                    break;
                case MinLengthAttribute min:
                    AtLeast(schema, isArray ? "minItems" : "minLength", min.Length);
                    break;
                case MaxLengthAttribute { Length: > 0 } max:
                    AtMost(schema, isArray ? "maxItems" : "maxLength", max.Length);
                    break;
                case LengthAttribute length:
                    AtLeast(schema, isArray ? "minItems" : "minLength", length.MinimumLength);
                    AtMost(schema, isArray ? "maxItems" : "maxLength", length.MaximumLength);
                    break;
                case RangeAttribute range:
                    schema[range.MinimumIsExclusive ? "exclusiveMinimum" : "minimum"] = Number(range.Minimum);
                    schema[range.MaximumIsExclusive ? "exclusiveMaximum" : "maximum"] = Number(range.Maximum);
                    break;
                case RegularExpressionAttribute regex:
                    schema["pattern"] = regex.Pattern;
                    break;
                case AllowedValuesAttribute allowed:
                    schema["enum"] = new JsonArray([.. allowed.Values.Select(v => JsonValue.Create(v))]);
                    break;
                case ResourceIdAttribute:
                    schema["pattern"] = ResourceIdPattern;
                    AtMost(schema, "maxLength", ResourceIdAttribute.MaxLength);
                    break;
                case EmailAddressAttribute:
                    schema["format"] = "email";
                    break;
                case UrlAttribute:
                    schema["format"] = "uri";
                    break;
                case Base64StringAttribute:
                    schema["contentEncoding"] = "base64";
                    break;
            }
        }
    }

    /// <summary>The schema's <c>type</c> keyword as names (it may be one name or an array of them).</summary>
    public static IReadOnlyList<string> TypeNames(JsonObject schema) => schema["type"] switch
    {
        JsonValue one => [one.GetValue<string>()],
        JsonArray many => [.. many.Select(t => t!.GetValue<string>())],
        _ => [],
    };

    private static void AtLeast(JsonObject schema, string keyword, int value)
    {
        if (value > 0 && (schema[keyword]?.GetValue<int>() ?? 0) < value)
        {
            schema[keyword] = value;
        }
    }

    private static void AtMost(JsonObject schema, string keyword, int value)
    {
        if (schema[keyword] is not { } current || current.GetValue<int>() > value)
        {
            schema[keyword] = value;
        }
    }

    /// <summary>A range limit as a JSON number, whichever type the attribute was given it as.</summary>
    private static JsonValue Number(object limit) => limit switch
    {
        int i => JsonValue.Create(i),
        long l => JsonValue.Create(l),
        double d => JsonValue.Create(d),
        _ => JsonValue.Create(decimal.Parse(Convert.ToString(limit, CultureInfo.InvariantCulture)!, CultureInfo.InvariantCulture)),
    };
}
