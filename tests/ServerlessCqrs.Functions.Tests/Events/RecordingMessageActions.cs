using Azure.Messaging.ServiceBus;
using Microsoft.Azure.Functions.Worker;

namespace ServerlessCqrs.Functions.Tests.Events;

/// <summary>How the Service Bus trigger settled each message it was given.</summary>
internal sealed class RecordingMessageActions : ServiceBusMessageActions
{
    public List<string> Settlements { get; } = [];

    public Dictionary<string, object>? Properties { get; private set; }

    public string? Description { get; private set; }

    public override Task CompleteMessageAsync(ServiceBusReceivedMessage message, CancellationToken cancellationToken = default)
    {
        Settlements.Add("complete");
        return Task.CompletedTask;
    }

    public override Task DeadLetterMessageAsync(
        ServiceBusReceivedMessage message,
        Dictionary<string, object>? propertiesToModify = null,
        string? deadLetterReason = null,
        string? deadLetterErrorDescription = null,
        CancellationToken cancellationToken = default)
    {
        Settlements.Add($"dead-letter {deadLetterReason}");
        Properties = propertiesToModify;
        Description = deadLetterErrorDescription;
        return Task.CompletedTask;
    }
}
