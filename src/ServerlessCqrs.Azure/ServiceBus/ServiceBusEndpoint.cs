using System.Diagnostics;
using ServerlessCqrs.Events;

namespace ServerlessCqrs.Azure.ServiceBus;

/// <summary>
/// A Service Bus entity as a messaging endpoint: its consumer spans carry the delivery count and how the
/// message is settled, as the Service Bus semantic conventions define them.
/// </summary>
/// <param name="Destination">The topic, or <c>topic/subscription</c>.</param>
internal sealed record ServiceBusEndpoint(string Destination) : MessagingEndpoint(AzureDiagnostics.MessagingSystems.ServiceBus, Destination)
{
    protected override void OnProcessStarted(Activity activity, EventEnvelope envelope) =>
        activity.SetTag(AzureDiagnostics.Tags.ServiceBusDeliveryCount, envelope.DeliveryAttempt);

    // A retry is a copy scheduled for later: the delivered message completes.
    protected override void OnDecided(Activity activity, DispatchDecision decision) =>
        activity.SetTag(AzureDiagnostics.Tags.ServiceBusDispositionStatus, decision.Action == DispatchAction.DeadLetter ? "dead_letter" : "complete");
}
