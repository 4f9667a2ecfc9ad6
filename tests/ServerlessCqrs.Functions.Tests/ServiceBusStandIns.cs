using Azure.Messaging.ServiceBus;

// Minimal stand-ins for the two types of Microsoft.Azure.Functions.Worker.Extensions.ServiceBus that
// ServiceBusEventFunction uses, with the real signatures (azure-functions-dotnet-worker,
// extensions/Worker.Extensions.ServiceBus), so the tests compile and drive the trigger's own source file.
namespace Microsoft.Azure.Functions.Worker;

[AttributeUsage(AttributeTargets.Parameter)]
public sealed class ServiceBusTriggerAttribute(string topicName, string subscriptionName) : Attribute
{
    public string TopicName { get; } = topicName;

    public string SubscriptionName { get; } = subscriptionName;

    public string? Connection { get; set; }

    public bool AutoCompleteMessages { get; set; } = true;
}

public class ServiceBusMessageActions
{
    public virtual Task CompleteMessageAsync(ServiceBusReceivedMessage message, CancellationToken cancellationToken = default) => Task.CompletedTask;

    public virtual Task AbandonMessageAsync(
        ServiceBusReceivedMessage message, IDictionary<string, object>? propertiesToModify = default, CancellationToken cancellationToken = default) =>
        Task.CompletedTask;

    public virtual Task DeadLetterMessageAsync(
        ServiceBusReceivedMessage message,
        Dictionary<string, object>? propertiesToModify = default,
        string? deadLetterReason = default,
        string? deadLetterErrorDescription = default,
        CancellationToken cancellationToken = default) => Task.CompletedTask;
}
