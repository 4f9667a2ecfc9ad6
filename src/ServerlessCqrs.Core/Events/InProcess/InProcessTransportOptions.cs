namespace ServerlessCqrs.Events.InProcess;

/// <summary>The embedded in-process transport; configuration section <c>Cqrs:Events:InProcess</c>.</summary>
public sealed class InProcessTransportOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Cqrs:Events:InProcess";

    /// <summary>Events the channel holds before senders wait, 1 to 1,000,000 (default 10,000).</summary>
    public int Capacity { get; set; } = 10_000;

    /// <summary>Events handled at once, 1 to 64 (default 4).</summary>
    public int MaxConcurrency { get; set; } = 4;
}
