namespace ServerlessCqrs.Events;

/// <summary>Where a delivered event came from, for the consumer span (<c>messaging.system</c>, destination).</summary>
/// <param name="MessagingSystem">The transport, for example <c>servicebus</c>.</param>
/// <param name="Destination">The queue, topic or subscription the event was read from.</param>
public sealed record DeliverySource(string MessagingSystem, string Destination);
