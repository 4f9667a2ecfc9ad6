using Microsoft.Extensions.Options;
using ServerlessCqrs.Configuration;

namespace ServerlessCqrs.Processes;

/// <summary>Process managers; configuration section <c>Cqrs:Processes</c>.</summary>
public sealed class ProcessOptions : ISettingKeys
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Cqrs:Processes";

    /// <summary>
    /// How long past its due time a timeout may still be waiting before it counts as overdue — listed by
    /// <c>timeouts list --overdue</c> and counted by the <c>cqrs.process.timeouts.overdue</c> gauge. 1 second to
    /// 1 day (default 5 minutes): longer than a redelivery's usual delay, shorter than anyone would wait unwarned.
    /// </summary>
    [SettingRange(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan OverdueGrace { get; set; } = TimeSpan.FromMinutes(5);

    string ISettingKeys.KeyOf(string property) => $"{SectionName}:{property}";
}

[OptionsValidator]
internal sealed partial class ProcessOptionsValidator : IValidateOptions<ProcessOptions>;
