using Microsoft.Extensions.Options;
using ServerlessCqrs.Configuration;

namespace ServerlessCqrs.Outbox;

/// <summary>The outbox relay and sweeper; configuration section <c>Cqrs:Outbox</c>.</summary>
public sealed class OutboxOptions : ISettingKeys
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Cqrs:Outbox";

    /// <summary>How often the sweeper looks for events left behind, 1 s to 1 h (default 10 s).</summary>
    [SettingRange(typeof(TimeSpan), "00:00:01", "01:00:00", Rule = "must be between 1 second and 1 hour")]
    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How old a pending event must be before the sweeper re-sends it, 1 s to 1 day (default 30 s).</summary>
    [SettingRange(typeof(TimeSpan), "00:00:01", "1.00:00:00", Rule = "must be between 1 second and 1 day")]
    public TimeSpan PendingAge { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Events re-sent per sweep, 1 to 1,000 (default 100).</summary>
    [SettingRange(1, 1000)]
    public int BatchSize { get; set; } = 100;

    string ISettingKeys.KeyOf(string property) => $"{SectionName}:{property}";
}

[OptionsValidator]
internal sealed partial class OutboxOptionsValidator : IValidateOptions<OutboxOptions>;
