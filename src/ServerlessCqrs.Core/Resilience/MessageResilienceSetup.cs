using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace ServerlessCqrs.Resilience;

/// <summary>
/// Binds the named options of a message (the name is the message name) from the <c>Default</c>
/// section and then the message's own section, and validates them naming the exact setting.
/// </summary>
internal sealed class MessageResilienceSetup(IConfiguration? configuration = null)
    : IConfigureNamedOptions<MessageResilienceOptions>, IValidateOptions<MessageResilienceOptions>
{
    private static readonly TimeSpan MinTimeout = TimeSpan.FromMilliseconds(10);
    private static readonly TimeSpan MaxTime = TimeSpan.FromHours(1);

    public void Configure(MessageResilienceOptions options) => Configure(Options.DefaultName, options);

    public void Configure(string? name, MessageResilienceOptions options)
    {
        configuration?.GetSection($"{MessageResilienceOptions.SectionName}:Default").Bind(options);
        if (!string.IsNullOrEmpty(name))
        {
            configuration?.GetSection(MessageSection(name)).Bind(options);
        }
    }

    public ValidateOptionsResult Validate(string? name, MessageResilienceOptions options)
    {
        return new SettingChecks(setting => KeyOf(name, setting))
            .Require(options.MaxRetryAttempts is >= 0 and <= 10, nameof(options.MaxRetryAttempts), options.MaxRetryAttempts, "must be between 0 and 10")
            .Require(options.BaseDelay >= TimeSpan.Zero && options.BaseDelay <= MaxTime, nameof(options.BaseDelay), options.BaseDelay, "must be between 0 and 1 hour")
            .Require(options.MaxDelay >= options.BaseDelay && options.MaxDelay <= MaxTime, nameof(options.MaxDelay), options.MaxDelay, "must be at least BaseDelay and at most 1 hour")
            .Require(IsTimeout(options.AttemptTimeout), nameof(options.AttemptTimeout), options.AttemptTimeout, "must be 0 (off) or between 10 ms and 1 hour")
            .Require(IsTimeout(options.TotalTimeout), nameof(options.TotalTimeout), options.TotalTimeout, "must be 0 (off) or between 10 ms and 1 hour")
            .ToResult();
    }

    private static bool IsTimeout(TimeSpan value) => value == TimeSpan.Zero || value >= MinTimeout && value <= MaxTime;

    private static string MessageSection(string name) => $"{MessageResilienceOptions.SectionName}:Messages:{name}";

    /// <summary>The key that supplied a setting: the message's own when configuration sets it there, else Default.</summary>
    private string KeyOf(string? name, string setting) =>
        !string.IsNullOrEmpty(name) && configuration?[$"{MessageSection(name)}:{setting}"] is not null
            ? $"{MessageSection(name)}:{setting}"
            : $"{MessageResilienceOptions.SectionName}:Default:{setting}";
}
