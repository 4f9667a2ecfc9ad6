using Azure.Storage.Queues.Models;
using ServerlessCqrs.Events;

namespace ServerlessCqrs.Azure.StorageQueues;

/// <summary>
/// The poison queue as dead letters. Listing peeks (a Storage Queue shows at most 32 messages that
/// way); replaying receives, sends the event back to the events queue as a first delivery with its
/// id and trace context, then deletes the poison message — so a failed send loses nothing.
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

    public async ValueTask<bool> ReplayAsync(Guid eventId, CancellationToken cancellationToken = default) =>
        await ReplayWhereAsync(d => d.Envelope.EventId == eventId, stopAfterFirst: true, cancellationToken).ConfigureAwait(false) > 0;

    public ValueTask<int> ReplayAllAsync(CancellationToken cancellationToken = default) =>
        ReplayWhereAsync(_ => true, stopAfterFirst: false, cancellationToken);

    /// <summary>
    /// Walks the poison queue once (as many messages as it held when the walk began, so events that
    /// fail again and return are not replayed twice), replaying matches and releasing the rest.
    /// </summary>
    private async ValueTask<int> ReplayWhereAsync(Func<DeadLetter, bool> matches, bool stopAfterFirst, CancellationToken cancellationToken)
    {
        var poison = await queues.PoisonAsync(cancellationToken).ConfigureAwait(false);
        var events = await queues.EventsAsync(cancellationToken).ConfigureAwait(false);
        var remaining = (await poison.GetPropertiesAsync(cancellationToken).ConfigureAwait(false)).Value.ApproximateMessagesCount;
        var replayed = 0;
        while (remaining > 0)
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
                if ((stopAfterFirst && replayed > 0) || !matches(deadLetter))
                {
                    await poison.UpdateMessageAsync(message.MessageId, message.PopReceipt, visibilityTimeout: TimeSpan.Zero, cancellationToken: cancellationToken)
                        .ConfigureAwait(false);
                    continue;
                }

                await events.SendMessageAsync(QueueEventMessages.Write(deadLetter.Envelope with { DeliveryAttempt = 1 }), cancellationToken).ConfigureAwait(false);
                await poison.DeleteMessageAsync(message.MessageId, message.PopReceipt, cancellationToken).ConfigureAwait(false);
                replayed++;
            }

            if (stopAfterFirst && replayed > 0)
            {
                break;
            }
        }

        return replayed;
    }
}
