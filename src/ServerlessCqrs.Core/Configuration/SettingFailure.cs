using System.ComponentModel.DataAnnotations;

namespace ServerlessCqrs.Configuration;

/// <summary>
/// A failed settings check as the kernel reports it: the key, the rule and the value
/// (<c>Cqrs:Outbox:BatchSize must be between 1 and 1000; it is 0.</c>).
/// </summary>
public static class SettingFailure
{
    /// <summary>The failure of <paramref name="property"/> of <paramref name="settings"/>.</summary>
    public static ValidationResult Of(ISettingKeys settings, string property, object? value, string rule)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return Of(settings.KeyOf(property), value, rule);
    }

    /// <summary>The failure of the property a validation attribute is checking.</summary>
    public static ValidationResult Of(ValidationContext context, object? value, string rule)
    {
        ArgumentNullException.ThrowIfNull(context);
        var key = context.ObjectInstance is ISettingKeys settings && context.MemberName is { } property
            ? settings.KeyOf(property)
            : context.DisplayName;
        return Of(key, value, rule);
    }

    // No member names: the options result would put them in front of a message that names the key already.
    private static ValidationResult Of(string key, object? value, string rule) =>
        new($"{key} {rule}; it is {(value is null or "" ? "empty" : value)}.");
}
