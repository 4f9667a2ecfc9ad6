using System.Globalization;
using Azure.Messaging.ServiceBus;
using ServerlessCqrs.Events;

namespace ServerlessCqrs.Azure.ServiceBus;

/// <summary>
/// Events as Service Bus messages: the payload is the body, the event id the <c>MessageId</c> (so
/// the topic's duplicate detection works), the name the <c>Subject</c>; version, occurrence time,
/// stream and W3C trace context travel as application properties.
/// </summary>
public static class ServiceBusEventMessages
{
    /// <summary>Application property: the event's schema version.</summary>
    public const string VersionProperty = "cqrs-event-version";

    /// <summary>Application property: when the event happened (ISO 8601).</summary>
    public const string OccurredAtProperty = "cqrs-occurred-at";

    /// <summary>Application property: the stream (aggregate) the event belongs to.</summary>
    public const string StreamIdProperty = "cqrs-stream-id";

    /// <summary>Application property: the tenant whose change raised the event.</summary>
    public const string TenantIdProperty = "cqrs-tenant-id";

    /// <summary>Application property: the user whose change raised the event (an id).</summary>
    public const string UserIdProperty = "cqrs-user-id";

    /// <summary>Application property of a redelivery: the event id (its <c>MessageId</c> is the event id and the attempt).</summary>
    public const string EventIdProperty = "cqrs-event-id";

    /// <summary>Application property of a redelivery: the delivery attempt it starts at.</summary>
    public const string DeliveryAttemptProperty = "cqrs-delivery-attempt";

    /// <summary>Application property of a redelivery: the subscription it is for (other subscriptions' filters skip it).</summary>
    public const string RedeliveryForProperty = "cqrs-redelivery-for";

    /// <summary>Application property of a redelivery: when a delivery of the event first failed (ISO 8601).</summary>
    public const string FirstFailedAtProperty = "cqrs-first-failed-at";

    /// <summary>Application property: the W3C <c>traceparent</c> of the code that raised the event.</summary>
    public const string TraceParentProperty = "traceparent";

    /// <summary>Application property: the W3C <c>tracestate</c>.</summary>
    public const string TraceStateProperty = "tracestate";

    /// <summary>Dead-letter property: the failing exception's type.</summary>
    public const string ExceptionTypeProperty = "cqrs-exception-type";

    /// <summary>Dead-letter property: the failing exception's stack, truncated.</summary>
    public const string StackTraceProperty = "cqrs-stack-trace";

    /// <summary>Dead-letter property: when the event was dead-lettered.</summary>
    public const string DeadLetteredAtProperty = "cqrs-dead-lettered-at";

    /// <summary>The message that carries <paramref name="envelope"/>.</summary>
    public static ServiceBusMessage ToMessage(EventEnvelope envelope)
    {
        ArgumentNullException.ThrowIfNull(envelope);
        var message = new ServiceBusMessage(BinaryData.FromString(envelope.Payload))
        {
            MessageId = envelope.EventId.ToString(),
            Subject = envelope.Name,
            ContentType = "application/json",
            CorrelationId = envelope.CorrelationId,
        };
        var properties = message.ApplicationProperties;
        properties[VersionProperty] = envelope.Version;
        properties[OccurredAtProperty] = envelope.OccurredAt.ToString("O", CultureInfo.InvariantCulture);
        SetIfPresent(properties, StreamIdProperty, envelope.StreamId);
        SetIfPresent(properties, TenantIdProperty, envelope.TenantId);
        SetIfPresent(properties, UserIdProperty, envelope.UserId);
        SetIfPresent(properties, TraceParentProperty, envelope.TraceParent);
        SetIfPresent(properties, TraceStateProperty, envelope.TraceState);
        SetIfPresent(properties, FirstFailedAtProperty, envelope.FirstFailedAt?.ToString("O", CultureInfo.InvariantCulture));
        return message;
    }

    /// <summary>
    /// The copy of an event that redelivers it to one subscription at a later time: its own message id
    /// (<c>{eventId}/{attempt}</c>), so the topic's duplicate detection keeps it, and the attempt it starts at.
    /// </summary>
    public static ServiceBusMessage ToRedelivery(EventEnvelope envelope, string subscription)
    {
        ArgumentNullException.ThrowIfNull(envelope);
        var message = ToMessage(envelope);
        message.MessageId = $"{envelope.EventId}/{envelope.DeliveryAttempt}";
        message.ApplicationProperties[EventIdProperty] = envelope.EventId.ToString();
        message.ApplicationProperties[DeliveryAttemptProperty] = envelope.DeliveryAttempt;
        message.ApplicationProperties[RedeliveryForProperty] = subscription;
        return message;
    }

    /// <summary>
    /// The envelope a received message carries; its attempt is the one a redelivery starts at (1 for the
    /// original) plus the broker's own redeliveries of this message (a crash, a lapsed lock). A message
    /// whose id is not an event id comes back with an empty id; the caller dead-letters it.
    /// </summary>
    public static EventEnvelope ToEnvelope(ServiceBusReceivedMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var properties = message.ApplicationProperties;
        return new EventEnvelope
        {
            EventId = Guid.TryParse(Text(properties, EventIdProperty) ?? message.MessageId, out var id) ? id : Guid.Empty,
            Name = message.Subject ?? "",
            Version = properties.TryGetValue(VersionProperty, out var version) && version is int v ? v : 1,
            Payload = message.Body.ToString(),
            OccurredAt = Time(properties, OccurredAtProperty) ?? message.EnqueuedTime,
            DeliveryAttempt = (properties.TryGetValue(DeliveryAttemptProperty, out var first) && first is int a ? a : 1) + Math.Max(0, message.DeliveryCount - 1),
            TraceParent = Text(properties, TraceParentProperty),
            TraceState = Text(properties, TraceStateProperty),
            CorrelationId = message.CorrelationId,
            StreamId = Text(properties, StreamIdProperty),
            TenantId = Text(properties, TenantIdProperty),
            UserId = Text(properties, UserIdProperty),
            FirstFailedAt = Time(properties, FirstFailedAtProperty),
        };
    }

    /// <summary>A dead-lettered message as a dead letter: the broker's reason and description, our exception properties.</summary>
    public static DeadLetter ToDeadLetter(ServiceBusReceivedMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var properties = message.ApplicationProperties;
        var at = Time(properties, DeadLetteredAtProperty) ?? message.EnqueuedTime;
        return new DeadLetter(
            ToEnvelope(message),
            message.DeadLetterReason ?? "Unknown",
            message.DeadLetterErrorDescription ?? "",
            Text(properties, ExceptionTypeProperty),
            Text(properties, StackTraceProperty),
            at);
    }

    /// <summary>The properties a dead-lettered message gets beside the broker's reason and description.</summary>
    public static Dictionary<string, object> DeadLetterProperties(DeadLetter deadLetter)
    {
        ArgumentNullException.ThrowIfNull(deadLetter);
        var properties = new Dictionary<string, object>(StringComparer.Ordinal)
        {
            [DeadLetteredAtProperty] = deadLetter.DeadLetteredAt.ToString("O", CultureInfo.InvariantCulture),
        };
        SetIfPresent(properties, ExceptionTypeProperty, deadLetter.ExceptionType);
        SetIfPresent(properties, StackTraceProperty, deadLetter.StackTrace);
        return properties;
    }

    private static string? Text(IReadOnlyDictionary<string, object> properties, string key) =>
        properties.TryGetValue(key, out var value) ? value?.ToString() : null;

    private static DateTimeOffset? Time(IReadOnlyDictionary<string, object> properties, string key) =>
        Text(properties, key) is { } text && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var time)
            ? time
            : null;

    private static void SetIfPresent(IDictionary<string, object> properties, string key, string? value)
    {
        if (value is not null)
        {
            properties[key] = value;
        }
    }
}
