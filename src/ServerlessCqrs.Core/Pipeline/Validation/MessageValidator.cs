using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization.Metadata;

namespace ServerlessCqrs.Pipeline.Validation;

/// <summary>
/// DataAnnotations validation of one message type, planned once at startup from its JSON contract:
/// attributes are read once, property values come from the serializer's compiled getters, nested
/// objects and collections are walked, and errors are keyed by JSON path (<c>lines[0].quantity</c>).
/// A valid message allocates nothing; contexts and messages are only built for what fails.
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
        ValidationErrors? errors = null;
        Validate(_root, message, "", ref errors, 0);
        return errors?.ToDictionary();
    }

    private static void Validate(ValidationPlan plan, object instance, string path, ref ValidationErrors? errors, int depth)
    {
        if (depth > MaxDepth)
        {
            return;
        }

        var fieldsValid = true;
        foreach (var property in plan.Properties)
        {
            var value = property.Get(instance);
            if (Passes(property.Attributes, value))
            {
                continue;
            }

            // Failed the cheap check, or has an attribute (such as [Compare]) that needs the context to tell.
            var context = new ValidationContext(instance) { MemberName = property.ClrName, DisplayName = property.JsonName };
            var results = new List<ValidationResult>();
            if (!Validator.TryValidateValue(value, context, results, property.Attributes))
            {
                fieldsValid = false;
                (errors ??= new()).AddAll(results, path + property.JsonName);
            }
        }

        if (fieldsValid && (plan.IsValidatableObject || !Passes(plan.TypeAttributes, instance)))
        {
            ValidateObjectRules(plan, instance, path, ref errors);
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
                Validate(nested.Plan, value, $"{path}{nested.JsonName}.", ref errors, depth + 1);
                continue;
            }

            var index = 0;
            foreach (var item in (System.Collections.IEnumerable)value)
            {
                if (item is not null)
                {
                    Validate(nested.Plan, item, $"{path}{nested.JsonName}[{index}].", ref errors, depth + 1);
                }

                index++;
            }
        }
    }

    /// <summary>The cheap check: true when every attribute accepts the value without needing a context (false: ask with one).</summary>
    private static bool Passes(ValidationAttribute[] attributes, object? value)
    {
        foreach (var attribute in attributes)
        {
            if (attribute.RequiresValidationContext || !attribute.IsValid(value))
            {
                return false;
            }
        }

        return true;
    }

    private static void ValidateObjectRules(ValidationPlan plan, object instance, string path, ref ValidationErrors? errors)
    {
        var context = new ValidationContext(instance);
        var results = new List<ValidationResult>();
        Validator.TryValidateValue(instance, context, results, plan.TypeAttributes);
        if (instance is IValidatableObject validatable)
        {
            results.AddRange(validatable.Validate(context).Where(r => r != ValidationResult.Success));
        }

        foreach (var result in results)
        {
            var members = result.MemberNames.ToList();
            if (members.Count == 0)
            {
                (errors ??= new()).Add(path.Length == 0 ? "$" : path.TrimEnd('.'), result.ErrorMessage);
            }

            foreach (var member in members)
            {
                (errors ??= new()).Add(path + plan.JsonNameOf(member), result.ErrorMessage);
            }
        }
    }
}
