namespace ServerlessCqrs.Orders.Domain;

/// <summary>A new state of an order and the event that records the step to it.</summary>
/// <param name="Order">The order after the change; its version is one more than before.</param>
/// <param name="Event">The event the change raised.</param>
public sealed record OrderChange(Order Order, IEvent Event);
