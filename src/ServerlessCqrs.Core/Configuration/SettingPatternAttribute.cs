using System.ComponentModel.DataAnnotations;

namespace ServerlessCqrs.Configuration;

/// <summary>
/// A <see cref="RegularExpressionAttribute"/> for settings that must be present and match the whole pattern,
/// whose failure names the key, the <see cref="Rule"/> and the value (see <see cref="SettingFailure"/>).
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class SettingPatternAttribute(string pattern, string rule) : RegularExpressionAttribute(pattern)
{
    /// <summary>The rule in words, as the failure states it.</summary>
    public string Rule { get; } = rule;

    /// <inheritdoc />
    protected override ValidationResult? IsValid(object? value, ValidationContext validationContext) =>
        value is string { Length: > 0 } && IsValid(value) ? ValidationResult.Success : SettingFailure.Of(validationContext, value, Rule);
}
