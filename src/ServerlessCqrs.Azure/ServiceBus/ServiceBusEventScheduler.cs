using System.Globalization;
using Azure.Messaging.ServiceBus;
using Microsoft.Extensions.Options;
using ServerlessCqrs.Events;

namespace ServerlessCqrs.Azure.ServiceBus;

/// <summary>
/// Schedules on the topic: a scheduled message that Service Bus enqueues when due, with its own message id (the
/// envelope's, which for a timeout is its token), addressed like a redelivery to this app's subscription only. The
/// handle is the sequence number <see cref="ServiceBusSender.CancelScheduledMessageAsync(long, CancellationToken)"/> takes.
/// </summary>
internal sealed class ServiceBusEventScheduler(ServiceBusSender sender, IOptions<ServiceBusOptions> options) : IEventScheduler
{
    public async ValueTask<string> ScheduleAsync(EventEnvelope envelope, DateTimeOffset dueAt, CancellationToken cancellationToken)
    {
        var message = ServiceBusEventMessages.ToMessage(envelope);
        message.ApplicationProperties[ServiceBusEventMessages.RedeliveryForProperty] = options.Value.SubscriptionName;
        var sequenceNumber = await sender.ScheduleMessageAsync(message, dueAt, cancellationToken).ConfigureAwait(false);
        return sequenceNumber.ToString(CultureInfo.InvariantCulture);
    }

    public async ValueTask<bool> CancelAsync(string handle, CancellationToken cancellationToken)
    {
        if (!long.TryParse(handle, NumberStyles.None, CultureInfo.InvariantCulture, out var sequenceNumber))
        {
            throw new ArgumentException($"'{handle}' is not a Service Bus sequence number.", nameof(handle));
        }

        try
        {
            await sender.CancelScheduledMessageAsync(sequenceNumber, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (ServiceBusException gone) when (gone.Reason == ServiceBusFailureReason.MessageNotFound)
        {
            // Enqueued already (it is on its way), or cancelled before.
            return false;
        }
    }
}
