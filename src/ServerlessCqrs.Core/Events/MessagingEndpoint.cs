namespace ServerlessCqrs.Events;

/// <summary>
/// Where events are sent to or delivered from, for the producer and consumer spans
/// (<c>messaging.system</c>, <c>messaging.destination.name</c>).
/// </summary>
/// <param name="MessagingSystem">The transport, for example <c>servicebus</c>.</param>
/// <param name="Destination">The queue, topic or subscription.</param>
public sealed record MessagingEndpoint(string MessagingSystem, string Destination);
