using Microsoft.Extensions.Options;

namespace ServerlessCqrs.Internal;

/// <summary>Collects option failures that name the exact setting key and its bad value.</summary>
internal sealed class SettingChecks(Func<string, string> keyOf)
{
    private readonly List<string> _failures = [];

    /// <summary>Checks settings that all live in one section.</summary>
    public SettingChecks(string section)
        : this(setting => $"{section}:{setting}")
    {
    }

    public SettingChecks Require(bool valid, string setting, object? value, string rule)
    {
        if (!valid)
        {
            _failures.Add($"{keyOf(setting)} {rule}; it is {value ?? "empty"}.");
        }

        return this;
    }

    public ValidateOptionsResult ToResult() =>
        _failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(_failures);
}
