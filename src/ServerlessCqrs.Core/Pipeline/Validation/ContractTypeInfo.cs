using System.ComponentModel.DataAnnotations;
using System.Reflection;
using Microsoft.Extensions.Validation;

namespace ServerlessCqrs.Pipeline.Validation;

/// <summary>A message type, or a type inside one, as Microsoft.Extensions.Validation validates it: its properties with rules and its own attributes.</summary>
internal sealed class ContractTypeInfo(Type type, IReadOnlyList<ContractPropertyInfo> members, ValidationAttribute[] attributes)
    : ValidatableTypeInfo(type, members)
{
    protected override ValidationAttribute[] GetValidationAttributes() => attributes;
}

/// <summary>One property: its attributes, and its JSON name as the name its errors are reported under.</summary>
internal sealed class ContractPropertyInfo(PropertyInfo property, string jsonName, ValidationAttribute[] attributes)
    : ValidatablePropertyInfo(property.DeclaringType!, property.PropertyType, property.Name, jsonName)
{
    protected override ValidationAttribute[] GetValidationAttributes() => attributes;
}
