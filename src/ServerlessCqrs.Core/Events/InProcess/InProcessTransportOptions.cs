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

    /// <summary>Wait before the first redelivery; doubles on each further one (default 200 ms).</summary>
    public TimeSpan RedeliveryDelay { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>The longest wait before a redelivery (default 10 s).</summary>
    public TimeSpan MaxRedeliveryDelay { get; set; } = TimeSpan.FromSeconds(10);
}
