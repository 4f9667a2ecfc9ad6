using System.ComponentModel.DataAnnotations;

namespace ServerlessCqrs.Configuration;

/// <summary>A <see cref="RangeAttribute"/> for settings, whose failure names the key and the value (see <see cref="SettingFailure"/>).</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class SettingRangeAttribute : RangeAttribute
{
    /// <summary>Between two whole numbers, inclusive.</summary>
    public SettingRangeAttribute(int minimum, int maximum)
        : base(minimum, maximum)
    {
    }

    /// <summary>Between two numbers, inclusive.</summary>
    public SettingRangeAttribute(double minimum, double maximum)
        : base(minimum, maximum)
    {
    }

    /// <summary>Between two values of <paramref name="type"/> written as invariant text (<c>"00:00:01"</c> for a <see cref="TimeSpan"/>).</summary>
    public SettingRangeAttribute(Type type, string minimum, string maximum)
        : base(type, minimum, maximum)
    {
        ParseLimitsInInvariantCulture = true;
        ConvertValueInInvariantCulture = true;
    }

    /// <summary>The rule as the failure states it (default <c>must be between {minimum} and {maximum}</c>).</summary>
    public string? Rule { get; set; }

    /// <inheritdoc />
    protected override ValidationResult? IsValid(object? value, ValidationContext validationContext) =>
        IsValid(value) ? ValidationResult.Success : SettingFailure.Of(validationContext, value, Rule ?? $"must be between {Minimum} and {Maximum}");
}
