namespace ServerlessCqrs.Events.InProcess;

/// <summary>The in-process transport's dead letters, kept in memory; replay sends them to the transport.</summary>
internal sealed class InMemoryDeadLetterQueue(IEventTransport transport) : IDeadLetterQueue
{
    private readonly List<DeadLetter> _deadLetters = [];
    private readonly Lock _gate = new();

    public void Add(DeadLetter deadLetter)
    {
        lock (_gate)
        {
            _deadLetters.Add(deadLetter);
        }
    }

    public ValueTask<IReadOnlyList<DeadLetter>> ListAsync(int maxCount = 100, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxCount);
        lock (_gate)
        {
            return ValueTask.FromResult<IReadOnlyList<DeadLetter>>([.. _deadLetters.Take(maxCount)]);
        }
    }

    public async ValueTask<bool> ReplayAsync(Guid eventId, CancellationToken cancellationToken = default)
    {
        DeadLetter? deadLetter;
        lock (_gate)
        {
            deadLetter = _deadLetters.Find(d => d.Envelope.EventId == eventId);
        }

        if (deadLetter is null)
        {
            return false;
        }

        await ResendAsync([deadLetter], cancellationToken).ConfigureAwait(false);
        return true;
    }

    public async ValueTask<int> ReplayAllAsync(CancellationToken cancellationToken = default)
    {
        DeadLetter[] all;
        lock (_gate)
        {
            all = [.. _deadLetters];
        }

        await ResendAsync(all, cancellationToken).ConfigureAwait(false);
        return all.Length;
    }

    /// <summary>Sends first, removes after, so a failed send leaves the dead letters in place.</summary>
    private async ValueTask ResendAsync(IReadOnlyList<DeadLetter> deadLetters, CancellationToken cancellationToken)
    {
        await transport.SendAsync([.. deadLetters.Select(d => d.Envelope with { DeliveryAttempt = 1 })], cancellationToken).ConfigureAwait(false);
        lock (_gate)
        {
            foreach (var deadLetter in deadLetters)
            {
                _deadLetters.Remove(deadLetter);
            }
        }
    }
}
