namespace ServerlessCqrs;

/// <summary>Convenience base for events: a time-ordered id and a required occurrence time.</summary>
public abstract record Event : IEvent
{
    /// <inheritdoc />
    public Guid EventId { get; init; } = Guid.CreateVersion7();

    /// <inheritdoc />
    public required DateTimeOffset OccurredAt { get; init; }
}
