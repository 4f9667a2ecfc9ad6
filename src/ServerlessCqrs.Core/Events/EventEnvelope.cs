namespace ServerlessCqrs.Events;

/// <summary>
/// An event as it travels: identity, wire name and version, the JSON payload, the delivery attempt,
/// the tenant and user that caused it and the W3C trace context of the code that raised it. Transports map their messages to and
/// from envelopes; nothing else about a transport reaches the dispatcher.
/// </summary>
public sealed record EventEnvelope
{
    /// <summary>The event id; also the transport message id, so brokers can detect duplicates.</summary>
    public required Guid EventId { get; init; }

    /// <summary>The event's wire name.</summary>
    public required string Name { get; init; }

    /// <summary>The schema version the payload was written with.</summary>
    public int Version { get; init; } = 1;

    /// <summary>The event as JSON.</summary>
    public required string Payload { get; init; }

    /// <summary>When the event happened.</summary>
    public DateTimeOffset OccurredAt { get; init; }

    /// <summary>Which delivery this is, starting at 1 (Service Bus: the delivery count).</summary>
    public int DeliveryAttempt { get; init; } = 1;

    /// <summary>W3C <c>traceparent</c> of the code that raised the event.</summary>
    public string? TraceParent { get; init; }

    /// <summary>W3C <c>tracestate</c> of the code that raised the event.</summary>
    public string? TraceState { get; init; }

    /// <summary>An optional id correlating the event with the request that caused it.</summary>
    public string? CorrelationId { get; init; }

    /// <summary>The tenant whose change raised the event; its handlers run for it (<see langword="null"/>: the default tenant).</summary>
    public string? TenantId { get; init; }

    /// <summary>The user whose change raised the event, when known: an id, never a credential.</summary>
    public string? UserId { get; init; }

    /// <summary>
    /// The stream (aggregate) the event belongs to, such as the order id, when a store recorded it
    /// beside that stream's state; stores that keep the outbox in the state's partition find it by this.
    /// </summary>
    public string? StreamId { get; init; }

    /// <summary>When a delivery of the event first failed, carried by every redelivery; <see langword="null"/> until one fails.</summary>
    public DateTimeOffset? FirstFailedAt { get; init; }

    /// <summary>The next delivery after one that failed at <paramref name="failedAt"/>: the attempt after this one, the first failure kept.</summary>
    public EventEnvelope NextDelivery(DateTimeOffset failedAt) =>
        this with { DeliveryAttempt = DeliveryAttempt + 1, FirstFailedAt = FirstFailedAt ?? failedAt };

    /// <summary>The event sent back from the dead letters: a first delivery again, with no failure behind it.</summary>
    public EventEnvelope Replayed() => this with { DeliveryAttempt = 1, FirstFailedAt = null };
}
