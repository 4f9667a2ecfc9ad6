using Microsoft.Extensions.Options;
using ServerlessCqrs.Configuration;
using ServerlessCqrs.Events;

namespace ServerlessCqrs.Azure.StorageQueues;

/// <summary>The Storage Queue transport; configuration section <c>Cqrs:Events:StorageQueue</c>.</summary>
public sealed class StorageQueueOptions : ISettingKeys
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = EventDeliveryOptions.SectionName + ":StorageQueue";

    /// <summary>
    /// The queue events travel on (default <c>cqrs-events</c>); its dead letters go to
    /// <c>{QueueName}-poison</c>, the queue the Functions host also uses.
    /// </summary>
    [SettingPattern("^(?=.{3,56}$)[a-z0-9](?!.*--)[a-z0-9-]*[a-z0-9]$",
        "must be 3-56 lower-case letters, digits and single hyphens (the poison queue adds 7), starting and ending with a letter or digit")]
    public string QueueName { get; set; } = "cqrs-events";

    /// <summary>The poison (dead-letter) queue.</summary>
    public string PoisonQueueName => QueueName + "-poison";

    /// <summary>How long a received event stays hidden from other receivers while it is handled (default 30 s).</summary>
    [SettingRange(typeof(TimeSpan), "00:00:01", "7.00:00:00", Rule = "must be between 1 second and 7 days")]
    public TimeSpan VisibilityTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Events received per poll, 1 to 32 (default 16).</summary>
    [SettingRange(1, 32)]
    public int BatchSize { get; set; } = 16;

    /// <summary>Events handled at once, 1 to 64 (default 4).</summary>
    [SettingRange(1, 64)]
    public int MaxConcurrency { get; set; } = 4;

    /// <summary>The longest wait between polls of an empty queue (default 1 s; the wait starts at 1/8 of it and doubles).</summary>
    [SettingRange(typeof(TimeSpan), "00:00:00.1", "00:01:00", Rule = "must be between 100 ms and 1 minute")]
    public TimeSpan MaxPollingInterval { get; set; } = TimeSpan.FromSeconds(1);

    string ISettingKeys.KeyOf(string property) => $"{SectionName}:{property}";
}

[OptionsValidator]
internal sealed partial class StorageQueueOptionsValidator : IValidateOptions<StorageQueueOptions>;
