using Microsoft.Extensions.Options;
using ServerlessCqrs.Configuration;
using ServerlessCqrs.Events;

namespace ServerlessCqrs.Azure.ServiceBus;

/// <summary>The Service Bus transport; configuration section <c>Cqrs:Events:ServiceBus</c>.</summary>
public sealed class ServiceBusOptions : ISettingKeys
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = EventDeliveryOptions.SectionName + ":ServiceBus";

    /// <summary>The topic events are sent to (default <c>cqrs-events</c>).</summary>
    [SettingPattern(@"^(?=.*\S).{1,260}$", "must be 1-260 characters")]
    public string TopicName { get; set; } = "cqrs-events";

    /// <summary>This app's subscription, whose trigger dispatches to the handlers (default <c>cqrs-handlers</c>).</summary>
    [SettingPattern(@"^(?=.*\S).{1,50}$", "must be 1-50 characters")]
    public string SubscriptionName { get; set; } = "cqrs-handlers";

    /// <summary>Messages handled at once by the LocalHost's receiver, 1 to 64 (default 4; the Functions host uses host.json).</summary>
    [SettingRange(1, 64)]
    public int MaxConcurrentCalls { get; set; } = 4;

    string ISettingKeys.KeyOf(string property) => $"{SectionName}:{property}";
}

[OptionsValidator]
internal sealed partial class ServiceBusOptionsValidator : IValidateOptions<ServiceBusOptions>;
