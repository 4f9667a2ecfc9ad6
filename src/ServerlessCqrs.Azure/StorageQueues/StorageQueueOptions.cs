namespace ServerlessCqrs.Azure.StorageQueues;

/// <summary>The Storage Queue transport; configuration section <c>Cqrs:Events:StorageQueue</c>.</summary>
public sealed class StorageQueueOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Cqrs:Events:StorageQueue";

    /// <summary>
    /// The queue events travel on (default <c>cqrs-events</c>); its dead letters go to
    /// <c>{QueueName}-poison</c>, the queue the Functions host also uses.
    /// </summary>
    public string QueueName { get; set; } = "cqrs-events";

    /// <summary>The poison (dead-letter) queue.</summary>
    public string PoisonQueueName => QueueName + "-poison";

    /// <summary>How long a received event stays hidden from other receivers while it is handled (default 30 s).</summary>
    public TimeSpan VisibilityTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Events received per poll, 1 to 32 (default 16).</summary>
    public int BatchSize { get; set; } = 16;

    /// <summary>Events handled at once, 1 to 64 (default 4).</summary>
    public int MaxConcurrency { get; set; } = 4;

    /// <summary>The longest wait between polls of an empty queue (default 1 s; the wait starts at 1/8 of it and doubles).</summary>
    public TimeSpan MaxPollingInterval { get; set; } = TimeSpan.FromSeconds(1);
}
