using System.Collections.Concurrent;
using System.ComponentModel.DataAnnotations;
using System.Diagnostics.CodeAnalysis;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.Extensions.Validation;

namespace ServerlessCqrs.Pipeline.Validation;

/// <summary>
/// Describes message types to Microsoft.Extensions.Validation at run time. Its source generator only sees
/// types in the compilation it runs in, while messages are registered when the host starts, from any
/// assembly; this resolver reads the same rules — DataAnnotations attributes, <see cref="IValidatableObject"/>
/// — from each type's JSON contract, once, and the library walks the object graph and reports the errors.
/// A type with no rules anywhere inside it gets no description, so it is never walked.
/// </summary>
internal sealed class ContractValidatableInfoResolver(JsonSerializerOptions contracts) : IValidatableInfoResolver
{
    private readonly ConcurrentDictionary<Type, ContractTypeInfo?> _types = new();

    public bool TryGetValidatableTypeInfo(Type type, [NotNullWhen(true)] out IValidatableInfo? validatableInfo)
    {
        validatableInfo = _types.TryGetValue(type, out var known) ? known : Describe(type, []);
        return validatableInfo is not null;
    }

    public bool TryGetValidatableParameterInfo(ParameterInfo parameterInfo, [NotNullWhen(true)] out IValidatableInfo? validatableInfo)
    {
        validatableInfo = null;
        return false;
    }

    /// <summary>Describes a type, or returns <see langword="null"/> when neither it nor anything it holds has rules.</summary>
    private ContractTypeInfo? Describe(Type type, HashSet<Type> describing)
    {
        if (_types.TryGetValue(type, out var known))
        {
            return known;
        }

        if (ContractOf(type) is not { Kind: JsonTypeInfoKind.Object } contract)
        {
            return _types.GetOrAdd(type, (ContractTypeInfo?)null);
        }

        if (!describing.Add(type))
        {
            return null; // It contains itself: its description is under way further up.
        }

        var members = new List<ContractPropertyInfo>();
        foreach (var property in contract.Properties)
        {
            if (property.Get is null || property.AttributeProvider is not PropertyInfo clr)
            {
                continue;
            }

            var attributes = clr.GetCustomAttributes<ValidationAttribute>(inherit: true).ToArray();
            if (attributes.Length > 0 || HoldsRules(property.PropertyType, describing))
            {
                members.Add(new ContractPropertyInfo(clr, property.Name, attributes));
            }
        }

        var typeAttributes = type.GetCustomAttributes<ValidationAttribute>(inherit: true).ToArray();
        var hasRules = members.Count > 0 || typeAttributes.Length > 0 || typeof(IValidatableObject).IsAssignableFrom(type);
        describing.Remove(type);
        return _types.GetOrAdd(type, hasRules ? new ContractTypeInfo(type, members, typeAttributes) : null);
    }

    /// <summary>Whether a property's value, or each item of it, is an object with rules of its own.</summary>
    private bool HoldsRules(Type propertyType, HashSet<Type> describing)
    {
        var contract = ContractOf(propertyType);
        if (contract is { Kind: JsonTypeInfoKind.Enumerable, ElementType: { } element })
        {
            contract = ContractOf(element);
        }

        return contract is { Kind: JsonTypeInfoKind.Object } && (describing.Contains(contract.Type) || Describe(contract.Type, describing) is not null);
    }

    private JsonTypeInfo? ContractOf(Type type)
    {
        try
        {
            return contracts.GetTypeInfo(type);
        }
        catch (NotSupportedException)
        {
            return null; // Not serializable, so not part of a message.
        }
    }
}
