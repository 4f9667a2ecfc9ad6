namespace ServerlessCqrs.Azure.ServiceBus;

/// <summary>The Service Bus transport; configuration section <c>Cqrs:Events:ServiceBus</c>.</summary>
public sealed class ServiceBusOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Cqrs:Events:ServiceBus";

    /// <summary>The topic events are sent to (default <c>cqrs-events</c>).</summary>
    public string TopicName { get; set; } = "cqrs-events";

    /// <summary>This app's subscription, whose trigger dispatches to the handlers (default <c>cqrs-handlers</c>).</summary>
    public string SubscriptionName { get; set; } = "cqrs-handlers";

    /// <summary>Messages handled at once by the LocalHost's receiver, 1 to 64 (default 4; the Functions host uses host.json).</summary>
    public int MaxConcurrentCalls { get; set; } = 4;
}
