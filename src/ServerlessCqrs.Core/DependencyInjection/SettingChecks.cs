using Microsoft.Extensions.Options;

namespace ServerlessCqrs;

/// <summary>
/// Builds an options validation result whose failures name the exact setting key and its bad value
/// (<c>Cqrs:Outbox:BatchSize must be between 1 and 1000; it is 0.</c>), for the kernel and its adapters.
/// </summary>
/// <param name="keyOf">The configuration key of a setting, given its property name.</param>
public sealed class SettingChecks(Func<string, string> keyOf)
{
    private readonly List<string> _failures = [];

    /// <summary>Checks settings that all live in one section.</summary>
    public SettingChecks(string section)
        : this(setting => $"{section}:{setting}")
    {
    }

    /// <summary>Records a failure naming the setting, its value and the rule it broke, unless <paramref name="valid"/>.</summary>
    public SettingChecks Require(bool valid, string setting, object? value, string rule)
    {
        if (!valid)
        {
            _failures.Add($"{keyOf(setting)} {rule}; it is {value ?? "empty"}.");
        }

        return this;
    }

    /// <summary>Success, or a failure listing every broken rule.</summary>
    public ValidateOptionsResult ToResult() =>
        _failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(_failures);
}
