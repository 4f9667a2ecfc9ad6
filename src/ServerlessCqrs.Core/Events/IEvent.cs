namespace ServerlessCqrs;

/// <summary>
/// A fact that happened. Its wire name and version come from the registry
/// (<see cref="MessageNameAttribute"/>, <see cref="EventVersionAttribute"/>).
/// </summary>
public interface IEvent : IMessage
{
    /// <summary>Unique id of this occurrence; redeliveries carry the same id.</summary>
    Guid EventId { get; }

    /// <summary>When the fact happened.</summary>
    DateTimeOffset OccurredAt { get; }
}
