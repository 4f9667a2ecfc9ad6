using System.ComponentModel.DataAnnotations;
using System.Reflection;
using System.Text.Json.Serialization.Metadata;

namespace ServerlessCqrs.Pipeline.Validation;

/// <summary>The validation rules of one type, read once from its attributes and JSON contract.</summary>
internal sealed class ValidationPlan
{
    private readonly Dictionary<string, string> _jsonNames = [];

    public PropertyRules[] Properties { get; private set; } = [];

    public NestedRules[] Nested { get; private set; } = [];

    public ValidationAttribute[] TypeAttributes { get; private set; } = [];

    public bool IsValidatableObject { get; private set; }

    public string JsonNameOf(string clrName) => _jsonNames.GetValueOrDefault(clrName, clrName);

    /// <summary>Plans a type; <see langword="null"/> when neither it nor anything it contains has rules.</summary>
    public static ValidationPlan? For(JsonTypeInfo typeInfo, Dictionary<Type, ValidationPlan?> planned)
    {
        if (planned.TryGetValue(typeInfo.Type, out var known))
        {
            return known;
        }

        var plan = new ValidationPlan();
        planned[typeInfo.Type] = plan; // a type that contains itself is planned once
        var properties = new List<PropertyRules>();
        var nested = new List<NestedRules>();
        foreach (var property in typeInfo.Properties)
        {
            if (property.Get is null || property.AttributeProvider is not MemberInfo member)
            {
                continue;
            }

            plan._jsonNames[member.Name] = property.Name;
            var attributes = member.GetCustomAttributes<ValidationAttribute>(inherit: true).ToArray();
            if (attributes.Length > 0)
            {
                properties.Add(new PropertyRules(property.Get, member.Name, property.Name, attributes));
            }

            if (NestedRulesOf(property, planned) is { } rules)
            {
                nested.Add(rules);
            }
        }

        plan.Properties = [.. properties];
        plan.Nested = [.. nested];
        plan.TypeAttributes = typeInfo.Type.GetCustomAttributes<ValidationAttribute>(inherit: true).ToArray();
        plan.IsValidatableObject = typeof(IValidatableObject).IsAssignableFrom(typeInfo.Type);
        var hasRules = plan.Properties.Length > 0 || plan.Nested.Length > 0 || plan.TypeAttributes.Length > 0 || plan.IsValidatableObject;
        planned[typeInfo.Type] = hasRules ? plan : null;
        return planned[typeInfo.Type];
    }

    private static NestedRules? NestedRulesOf(JsonPropertyInfo property, Dictionary<Type, ValidationPlan?> planned)
    {
        var options = property.Options;
        var info = options.GetTypeInfo(property.PropertyType);
        var isCollection = info.Kind == JsonTypeInfoKind.Enumerable && info.ElementType is not null;
        if (isCollection)
        {
            info = options.GetTypeInfo(info.ElementType!);
        }

        if (info.Kind != JsonTypeInfoKind.Object)
        {
            return null;
        }

        var plan = For(info, planned);
        return plan is null ? null : new NestedRules(property.Get!, property.Name, plan, isCollection);
    }
}

/// <summary>The attributes on one property, with its getter and names.</summary>
internal sealed record PropertyRules(Func<object, object?> Get, string ClrName, string JsonName, ValidationAttribute[] Attributes);

/// <summary>A property holding an object, or a collection of objects, that has rules of its own.</summary>
internal sealed record NestedRules(Func<object, object?> Get, string JsonName, ValidationPlan Plan, bool IsCollection);
