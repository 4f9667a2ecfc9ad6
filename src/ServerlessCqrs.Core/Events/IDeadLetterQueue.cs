namespace ServerlessCqrs.Events;

/// <summary>The dead letters of the configured transport: list them and send them back for another try.</summary>
public interface IDeadLetterQueue
{
    /// <summary>Lists dead letters, oldest first.</summary>
    ValueTask<IReadOnlyList<DeadLetter>> ListAsync(int maxCount = 100, CancellationToken cancellationToken = default);

    /// <summary>
    /// Sends one dead letter back to the transport with its id and trace context, as a first delivery.
    /// Returns <see langword="false"/> when there is no dead letter with that id.
    /// </summary>
    ValueTask<bool> ReplayAsync(Guid eventId, CancellationToken cancellationToken = default);

    /// <summary>Replays every dead letter; returns how many.</summary>
    ValueTask<int> ReplayAllAsync(CancellationToken cancellationToken = default);
}
