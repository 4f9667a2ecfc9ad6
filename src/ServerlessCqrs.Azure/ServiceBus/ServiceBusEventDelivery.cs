using Azure.Messaging.ServiceBus;
using Microsoft.Extensions.Options;
using ServerlessCqrs.Events;

namespace ServerlessCqrs.Azure.ServiceBus;

/// <summary>
/// Handles one message of the events subscription for the Service Bus trigger (and the LocalHost's
/// receiver): reads the event, dispatches it, and says how to settle the message — complete, or
/// dead-letter with the reason, description and properties. A retry is a copy scheduled for the failure
/// policy's delay (abandoning would bring the message straight back); the received message then completes.
/// </summary>
public sealed class ServiceBusEventDelivery
{
    private readonly EventDispatcher _dispatcher;
    private readonly ServiceBusSender _topic;
    private readonly TimeProvider _timeProvider;
    private readonly string _subscription;
    private readonly MessagingEndpoint _source;

    internal ServiceBusEventDelivery(EventDispatcher dispatcher, ServiceBusSender topic, TimeProvider timeProvider, IOptions<ServiceBusOptions> options)
    {
        _dispatcher = dispatcher;
        _topic = topic;
        _timeProvider = timeProvider;
        var settings = options.Value;
        _subscription = settings.SubscriptionName;
        _source = new ServiceBusEndpoint($"{settings.TopicName}/{settings.SubscriptionName}");
    }

    /// <summary>Dispatches the message's event and returns the settlement.</summary>
    public async ValueTask<ServiceBusSettlement> DeliverAsync(ServiceBusReceivedMessage message, CancellationToken cancellationToken)
    {
        var envelope = ServiceBusEventMessages.ToEnvelope(message);
        var decision = envelope.EventId == Guid.Empty
            ? _dispatcher.RejectUnreadable(envelope, _source, $"The MessageId '{message.MessageId}' is not an event id.")
            : await _dispatcher.DispatchAsync(envelope, _source, cancellationToken).ConfigureAwait(false);
        if (decision.Action == DispatchAction.Retry)
        {
            var redelivery = ServiceBusEventMessages.ToRedelivery(envelope.NextDelivery(_timeProvider.GetUtcNow()), _subscription);
            await _topic.ScheduleMessageAsync(redelivery, _timeProvider.GetUtcNow() + decision.RetryAfter, cancellationToken).ConfigureAwait(false);
        }

        return decision.Action == DispatchAction.DeadLetter
            ? new ServiceBusSettlement(decision, DeadLetter.From(envelope, decision, _timeProvider.GetUtcNow()))
            : new ServiceBusSettlement(decision, null);
    }
}

/// <summary>How to settle a delivered message.</summary>
/// <param name="Decision">The dispatcher's decision.</param>
/// <param name="DeadLetter">For a dead-letter decision, what to record with the message.</param>
public sealed record ServiceBusSettlement(DispatchDecision Decision, DeadLetter? DeadLetter)
{
    /// <summary>Whether to dead-letter the message; otherwise complete it (a retry was scheduled as a copy).</summary>
    public bool IsDeadLetter => DeadLetter is not null;

    /// <summary>The properties a dead-lettered message gets beside the reason and description.</summary>
    public Dictionary<string, object> DeadLetterProperties() =>
        ServiceBusEventMessages.DeadLetterProperties(DeadLetter ?? throw new InvalidOperationException("Only a dead-letter settlement has dead-letter properties."));
}
