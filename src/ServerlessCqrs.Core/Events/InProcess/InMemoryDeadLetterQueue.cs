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

    public ValueTask<DeadLetter?> FindAsync(Guid eventId, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            return ValueTask.FromResult(_deadLetters.Find(d => d.Envelope.EventId == eventId));
        }
    }

    public async ValueTask<bool> ReplayAsync(Guid eventId, CancellationToken cancellationToken = default)
    {
        if (await FindAsync(eventId, cancellationToken).ConfigureAwait(false) is not { } deadLetter)
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

    public ValueTask<bool> PurgeAsync(Guid eventId, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            return ValueTask.FromResult(_deadLetters.RemoveAll(d => d.Envelope.EventId == eventId) > 0);
        }
    }

    public ValueTask<int> PurgeAllAsync(CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            var count = _deadLetters.Count;
            _deadLetters.Clear();
            return ValueTask.FromResult(count);
        }
    }

    /// <summary>Sends first, removes after, so a failed send leaves the dead letters in place.</summary>
    private async ValueTask ResendAsync(IReadOnlyList<DeadLetter> deadLetters, CancellationToken cancellationToken)
    {
        await transport.SendAsync([.. deadLetters.Select(d => d.Envelope.Replayed())], cancellationToken).ConfigureAwait(false);
        lock (_gate)
        {
            foreach (var deadLetter in deadLetters)
            {
                _deadLetters.Remove(deadLetter);
            }
        }
    }
}
