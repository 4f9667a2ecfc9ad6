using Azure.Messaging.ServiceBus;
using ServerlessCqrs.Events;

namespace ServerlessCqrs.Azure.ServiceBus;

/// <summary>
/// The subscription's dead-letter sub-queue. Listing peeks; replaying receives, sends the event back
/// to the topic with its id and trace context (as a fresh message, without the dead-letter
/// properties), then completes the dead-lettered one — so a failed send loses nothing.
/// </summary>
/// <remarks>
/// The replay goes to the topic, so every subscription sees it again; handlers that already
/// succeeded for the event id are skipped by the ledger. With duplicate detection on, a replay
/// inside the topic's detection window is dropped by the broker as a duplicate of the original.
/// </remarks>
internal sealed class ServiceBusDeadLetterQueue(DeadLetterReceiver deadLetters, ServiceBusSender topic) : IDeadLetterQueue
{
    private const int BatchSize = 50;
    private static readonly TimeSpan WaitForMessages = TimeSpan.FromSeconds(2);

    public async ValueTask<IReadOnlyList<DeadLetter>> ListAsync(int maxCount = 100, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxCount);
        var peeked = await deadLetters.Receiver.PeekMessagesAsync(maxCount, cancellationToken: cancellationToken).ConfigureAwait(false);
        return [.. peeked.Select(ServiceBusEventMessages.ToDeadLetter)];
    }

    public async ValueTask<bool> ReplayAsync(Guid eventId, CancellationToken cancellationToken = default) =>
        await ReplayWhereAsync(m => m.MessageId == eventId.ToString(), stopAfterFirst: true, cancellationToken).ConfigureAwait(false) > 0;

    public ValueTask<int> ReplayAllAsync(CancellationToken cancellationToken = default) =>
        ReplayWhereAsync(_ => true, stopAfterFirst: false, cancellationToken);

    /// <summary>
    /// Receives the dead letters batch by batch, replaying matches and abandoning the rest (which
    /// unlocks them in place). Stops when the sub-queue is empty or shows a message it already
    /// handled, so events that fail again and return are not replayed twice in one call.
    /// </summary>
    private async ValueTask<int> ReplayWhereAsync(Func<ServiceBusReceivedMessage, bool> matches, bool stopAfterFirst, CancellationToken cancellationToken)
    {
        var receiver = deadLetters.Receiver;
        var seen = new HashSet<long>();
        var replayed = 0;
        while (true)
        {
            var batch = await receiver.ReceiveMessagesAsync(BatchSize, WaitForMessages, cancellationToken).ConfigureAwait(false);
            if (batch.Count == 0)
            {
                return replayed;
            }

            var done = false;
            foreach (var message in batch)
            {
                done |= !seen.Add(message.SequenceNumber) || (stopAfterFirst && replayed > 0);
                if (done || !matches(message))
                {
                    await receiver.AbandonMessageAsync(message, cancellationToken: cancellationToken).ConfigureAwait(false);
                    continue;
                }

                var envelope = ServiceBusEventMessages.ToEnvelope(message) with { DeliveryAttempt = 1 };
                await topic.SendMessageAsync(ServiceBusEventMessages.ToMessage(envelope), cancellationToken).ConfigureAwait(false);
                await receiver.CompleteMessageAsync(message, cancellationToken).ConfigureAwait(false);
                replayed++;
            }

            if (done || (stopAfterFirst && replayed > 0))
            {
                return replayed;
            }
        }
    }
}

/// <summary>The receiver of the subscription's dead-letter sub-queue (a type of its own so it is not mistaken for another receiver).</summary>
/// <param name="Receiver">The receiver.</param>
internal sealed record DeadLetterReceiver(ServiceBusReceiver Receiver);
