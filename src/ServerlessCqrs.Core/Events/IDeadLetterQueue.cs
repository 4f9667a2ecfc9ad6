namespace ServerlessCqrs.Events;

/// <summary>
/// The dead letters of the configured transport: list and read them, send them back for another try,
/// or delete them for good. Dead letters are found by their event id.
/// </summary>
public interface IDeadLetterQueue
{
    /// <summary>Lists dead letters, oldest first (a Storage Queue shows at most its first 32).</summary>
    ValueTask<IReadOnlyList<DeadLetter>> ListAsync(int maxCount = 100, CancellationToken cancellationToken = default);

    /// <summary>The dead letter of an event, or <see langword="null"/> when there is none.</summary>
    ValueTask<DeadLetter?> FindAsync(Guid eventId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Sends one dead letter back to the transport with its id and trace context, as a first delivery.
    /// Returns <see langword="false"/> when there is no dead letter with that id.
    /// </summary>
    ValueTask<bool> ReplayAsync(Guid eventId, CancellationToken cancellationToken = default);

    /// <summary>Replays every dead letter; returns how many.</summary>
    ValueTask<int> ReplayAllAsync(CancellationToken cancellationToken = default);

    /// <summary>Deletes one dead letter for good. Returns <see langword="false"/> when there is no dead letter with that id.</summary>
    ValueTask<bool> PurgeAsync(Guid eventId, CancellationToken cancellationToken = default);

    /// <summary>Deletes every dead letter for good; returns how many.</summary>
    ValueTask<int> PurgeAllAsync(CancellationToken cancellationToken = default);
}
