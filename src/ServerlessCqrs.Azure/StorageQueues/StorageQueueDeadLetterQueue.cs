using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;
using ServerlessCqrs.Events;

namespace ServerlessCqrs.Azure.StorageQueues;

/// <summary>
/// The poison queue as dead letters. Listing peeks (a Storage Queue shows at most 32 messages that
/// way); finding, replaying and purging walk the queue: replaying sends the event back to the events
/// queue as a first delivery with its id and trace context, then deletes the poison message — so a
/// failed send loses nothing.
/// </summary>
internal sealed class StorageQueueDeadLetterQueue(EventQueues queues) : IDeadLetterQueue
{
    private const int MaxPeek = 32;
    private static readonly TimeSpan Hold = TimeSpan.FromSeconds(30);

    public async ValueTask<IReadOnlyList<DeadLetter>> ListAsync(int maxCount = 100, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxCount);
        var poison = await queues.PoisonAsync(cancellationToken).ConfigureAwait(false);
        PeekedMessage[] peeked = (await poison.PeekMessagesAsync(Math.Min(maxCount, MaxPeek), cancellationToken).ConfigureAwait(false)).Value;
        return [.. peeked.Select(m => QueueEventMessages.ReadDeadLetter(m.Body.ToString(), m.MessageId, m.InsertedOn ?? default))];
    }

    public async ValueTask<DeadLetter?> FindAsync(Guid eventId, CancellationToken cancellationToken = default)
    {
        // Peeking hides nothing; only an id beyond the first 32 needs the walk.
        if ((await ListAsync(MaxPeek, cancellationToken).ConfigureAwait(false)).FirstOrDefault(d => d.Envelope.EventId == eventId) is { } peeked)
        {
            return peeked;
        }

        DeadLetter? found = null;
        await WalkAsync(d => d.Envelope.EventId == eventId, stopAfterFirst: true, (_, _, deadLetter) =>
        {
            found = deadLetter;
            return Task.FromResult(false);
        }, cancellationToken).ConfigureAwait(false);
        return found;
    }

    public async ValueTask<bool> ReplayAsync(Guid eventId, CancellationToken cancellationToken = default) =>
        await WalkAsync(d => d.Envelope.EventId == eventId, stopAfterFirst: true, ResendAsync, cancellationToken).ConfigureAwait(false) > 0;

    public ValueTask<int> ReplayAllAsync(CancellationToken cancellationToken = default) =>
        WalkAsync(_ => true, stopAfterFirst: false, ResendAsync, cancellationToken);

    public async ValueTask<bool> PurgeAsync(Guid eventId, CancellationToken cancellationToken = default) =>
        await WalkAsync(d => d.Envelope.EventId == eventId, stopAfterFirst: true, DeleteAsync, cancellationToken).ConfigureAwait(false) > 0;

    public ValueTask<int> PurgeAllAsync(CancellationToken cancellationToken = default) =>
        WalkAsync(_ => true, stopAfterFirst: false, DeleteAsync, cancellationToken);

    private async Task<bool> ResendAsync(QueueClient poison, QueueMessage message, DeadLetter deadLetter)
    {
        var events = await queues.EventsAsync(CancellationToken.None).ConfigureAwait(false);
        await events.SendMessageAsync(QueueEventMessages.Write(deadLetter.Envelope.Replayed())).ConfigureAwait(false);
        return await DeleteAsync(poison, message, deadLetter).ConfigureAwait(false);
    }

    private static async Task<bool> DeleteAsync(QueueClient poison, QueueMessage message, DeadLetter deadLetter)
    {
        await poison.DeleteMessageAsync(message.MessageId, message.PopReceipt).ConfigureAwait(false);
        return true;
    }

    /// <summary>
    /// Walks the poison queue once (as many messages as it held when the walk began, so events that
    /// fail again and return are not met twice), handing matches to <paramref name="act"/> and releasing
    /// the rest. <paramref name="act"/> says whether it took the message; one it did not take is released too.
    /// </summary>
    /// <returns>How many messages <paramref name="act"/> took.</returns>
    private async ValueTask<int> WalkAsync(
        Func<DeadLetter, bool> matches, bool stopAfterFirst, Func<QueueClient, QueueMessage, DeadLetter, Task<bool>> act, CancellationToken cancellationToken)
    {
        var poison = await queues.PoisonAsync(cancellationToken).ConfigureAwait(false);
        var remaining = (await poison.GetPropertiesAsync(cancellationToken).ConfigureAwait(false)).Value.ApproximateMessagesCount;
        var (matched, taken) = (0, 0);
        while (remaining > 0 && !(stopAfterFirst && matched > 0))
        {
            QueueMessage[] batch = (await poison.ReceiveMessagesAsync(Math.Min(remaining, MaxPeek), Hold, cancellationToken).ConfigureAwait(false)).Value;
            if (batch.Length == 0)
            {
                break;
            }

            remaining -= batch.Length;
            foreach (var message in batch)
            {
                var deadLetter = QueueEventMessages.ReadDeadLetter(message.Body.ToString(), message.MessageId, message.InsertedOn ?? default);
                if (!(stopAfterFirst && matched > 0) && matches(deadLetter))
                {
                    matched++;
                    if (await act(poison, message, deadLetter).ConfigureAwait(false))
                    {
                        taken++;
                        continue;
                    }
                }

                await poison.UpdateMessageAsync(message.MessageId, message.PopReceipt, visibilityTimeout: TimeSpan.Zero, cancellationToken: cancellationToken)
                    .ConfigureAwait(false);
            }
        }

        return taken;
    }
}
