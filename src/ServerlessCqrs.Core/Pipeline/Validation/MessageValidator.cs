using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization.Metadata;

namespace ServerlessCqrs.Pipeline.Validation;

/// <summary>
/// DataAnnotations validation of one message type, planned once at startup from its JSON contract:
/// attributes are read once, property values come from the serializer's compiled getters, nested
/// objects and collections are walked, and errors are keyed by JSON path (<c>lines[0].quantity</c>).
/// </summary>
internal sealed class MessageValidator
{
    private const int MaxDepth = 32;
    private readonly ValidationPlan _root;

    private MessageValidator(ValidationPlan root) => _root = root;

    /// <summary>Plans validation for a type, or returns <see langword="null"/> when it declares no rules.</summary>
    public static MessageValidator? Create(JsonTypeInfo typeInfo)
    {
        var root = ValidationPlan.For(typeInfo, []);
        return root is null ? null : new MessageValidator(root);
    }

    /// <summary>Validates a message; returns field errors, or <see langword="null"/> when it is valid.</summary>
    public IReadOnlyDictionary<string, string[]>? Validate(object message)
    {
        var errors = new ValidationErrors();
        Validate(_root, message, "", errors, 0);
        return errors.ToDictionary();
    }

    private static void Validate(ValidationPlan plan, object instance, string path, ValidationErrors errors, int depth)
    {
        if (depth > MaxDepth)
        {
            return;
        }

        var before = errors.Count;
        var results = new List<ValidationResult>();
        foreach (var property in plan.Properties)
        {
            var context = new ValidationContext(instance) { MemberName = property.ClrName, DisplayName = property.JsonName };
            if (!Validator.TryValidateValue(property.Get(instance), context, results, property.Attributes))
            {
                errors.AddAll(results, path + property.JsonName);
                results.Clear();
            }
        }

        if (errors.Count == before)
        {
            ValidateObjectRules(plan, instance, path, errors, results);
        }

        foreach (var nested in plan.Nested)
        {
            var value = nested.Get(instance);
            if (value is null)
            {
                continue;
            }

            if (!nested.IsCollection)
            {
                Validate(nested.Plan, value, $"{path}{nested.JsonName}.", errors, depth + 1);
                continue;
            }

            var index = 0;
            foreach (var item in (System.Collections.IEnumerable)value)
            {
                if (item is not null)
                {
                    Validate(nested.Plan, item, $"{path}{nested.JsonName}[{index}].", errors, depth + 1);
                }

                index++;
            }
        }
    }

    private static void ValidateObjectRules(ValidationPlan plan, object instance, string path, ValidationErrors errors, List<ValidationResult> results)
    {
        var context = new ValidationContext(instance);
        if (plan.TypeAttributes.Length > 0)
        {
            Validator.TryValidateValue(instance, context, results, plan.TypeAttributes);
        }

        if (instance is IValidatableObject validatable)
        {
            results.AddRange(validatable.Validate(context).Where(r => r != ValidationResult.Success));
        }

        foreach (var result in results)
        {
            var members = result.MemberNames.ToList();
            if (members.Count == 0)
            {
                errors.Add(path.Length == 0 ? "$" : path.TrimEnd('.'), result.ErrorMessage);
            }

            foreach (var member in members)
            {
                errors.Add(path + plan.JsonNameOf(member), result.ErrorMessage);
            }
        }
    }
}
