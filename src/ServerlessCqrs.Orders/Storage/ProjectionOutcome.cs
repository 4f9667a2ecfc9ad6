namespace ServerlessCqrs.Orders.Storage;

/// <summary>What happened when a projection applied an event to a read-model row.</summary>
public enum ProjectionOutcome
{
    /// <summary>The row moved to the event's version.</summary>
    Applied,

    /// <summary>The row was already at or past the event's version (a redelivery): nothing changed.</summary>
    AlreadyApplied,

    /// <summary>An earlier event of the same order has not been applied yet: nothing changed.</summary>
    OutOfOrder,
}
