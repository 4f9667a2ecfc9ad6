using Microsoft.Extensions.Options;
using ServerlessCqrs.Configuration;

namespace ServerlessCqrs.Events.InProcess;

/// <summary>The embedded in-process transport; configuration section <c>Cqrs:Events:InProcess</c>.</summary>
public sealed class InProcessTransportOptions : ISettingKeys
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = EventDeliveryOptions.SectionName + ":InProcess";

    /// <summary>Events the channel holds before senders wait, 1 to 1,000,000 (default 10,000).</summary>
    [SettingRange(1, 1_000_000)]
    public int Capacity { get; set; } = 10_000;

    /// <summary>Events handled at once, 1 to 64 (default 4).</summary>
    [SettingRange(1, 64)]
    public int MaxConcurrency { get; set; } = 4;

    string ISettingKeys.KeyOf(string property) => $"{SectionName}:{property}";
}

[OptionsValidator]
internal sealed partial class InProcessTransportOptionsValidator : IValidateOptions<InProcessTransportOptions>;
