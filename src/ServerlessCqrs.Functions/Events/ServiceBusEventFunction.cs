using Azure.Messaging.ServiceBus;
using Microsoft.Azure.Functions.Worker;
using ServerlessCqrs.Azure.ServiceBus;
using ServerlessCqrs.Events;

namespace ServerlessCqrs.Functions.Events;

/// <summary>
/// Dispatches events from the topic subscription and settles each message itself
/// (<c>AutoCompleteMessages = false</c>): complete on success, abandon for a retry (Service Bus
/// redelivers and counts), dead-letter with the reason, description, exception type and stack for
/// unknown names, malformed payloads, non-transient failures and exhausted attempts.
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
        switch (settlement.Decision.Action)
        {
            case DispatchAction.Complete:
                await actions.CompleteMessageAsync(message, cancellationToken);
                break;
            case DispatchAction.Retry:
                await actions.AbandonMessageAsync(message, cancellationToken: cancellationToken);
                break;
            default:
                await actions.DeadLetterMessageAsync(
                    message, settlement.DeadLetterProperties(), settlement.DeadLetter!.Reason, settlement.DeadLetter.Description, cancellationToken);
                break;
        }
    }
}
