using Azure.Messaging.ServiceBus;
using Microsoft.Azure.Functions.Worker;
using ServerlessCqrs.Azure.ServiceBus;

namespace ServerlessCqrs.Functions.Events;

/// <summary>
/// Dispatches events from the topic subscription and settles each message itself
/// (<c>AutoCompleteMessages = false</c>): complete on success and on a retry (a copy is scheduled for
/// the failure policy's delay; abandoning would redeliver at once), dead-letter with the reason,
/// description, exception type and stack for unknown names, malformed payloads, non-transient
/// failures and exhausted attempts. If it throws, the lock lapses and Service Bus redelivers.
/// </summary>
/// <remarks>
/// Compiled only when the MSBuild property <c>EnableServiceBusTrigger</c> is true (the default when
/// publishing): its binding types come from Microsoft.Azure.Functions.Worker.Extensions.ServiceBus.
/// The tests compile this file against stand-ins for those types.
/// </remarks>
public sealed class ServiceBusEventFunction(ServiceBusEventDelivery delivery)
{
    /// <summary>One message of the subscription.</summary>
    [Function("DispatchServiceBusEvent")]
    public async Task RunAsync(
        [ServiceBusTrigger("%Cqrs:Events:ServiceBus:TopicName%", "%Cqrs:Events:ServiceBus:SubscriptionName%",
            Connection = "ServiceBus", AutoCompleteMessages = false)] ServiceBusReceivedMessage message,
        ServiceBusMessageActions actions,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actions);
        var settlement = await delivery.DeliverAsync(message, cancellationToken);
        if (settlement.IsDeadLetter)
        {
            await actions.DeadLetterMessageAsync(
                message, settlement.DeadLetterProperties(), settlement.DeadLetter!.Reason, settlement.DeadLetter.Description, cancellationToken);
        }
        else
        {
            await actions.CompleteMessageAsync(message, cancellationToken);
        }
    }
}
