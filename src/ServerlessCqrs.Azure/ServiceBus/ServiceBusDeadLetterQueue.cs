using Azure.Messaging.ServiceBus;
using ServerlessCqrs.Events;

namespace ServerlessCqrs.Azure.ServiceBus;

/// <summary>
/// The subscription's dead-letter sub-queue. Listing and finding peek; replaying receives, sends the
/// event back to the topic with its id and trace context (as a fresh message, without the dead-letter
/// properties), then completes the dead-lettered one — so a failed send loses nothing; purging receives
/// and completes.
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
        // From the start every time: without a sequence number the receiver goes on from its last peek.
        var peeked = await deadLetters.Receiver.PeekMessagesAsync(maxCount, fromSequenceNumber: 0, cancellationToken).ConfigureAwait(false);
        return [.. peeked.Select(ServiceBusEventMessages.ToDeadLetter)];
    }

    public async ValueTask<DeadLetter?> FindAsync(Guid eventId, CancellationToken cancellationToken = default) =>
        await PeekAsync(eventId.ToString(), cancellationToken).ConfigureAwait(false) is { } message ? ServiceBusEventMessages.ToDeadLetter(message) : null;

    public async ValueTask<bool> ReplayAsync(Guid eventId, CancellationToken cancellationToken = default) =>
        await TakeOneAsync(eventId, ResendAsync, cancellationToken).ConfigureAwait(false);

    public ValueTask<int> ReplayAllAsync(CancellationToken cancellationToken = default) =>
        TakeWhereAsync(_ => true, maxEvents: int.MaxValue, ResendAsync, cancellationToken);

    public async ValueTask<bool> PurgeAsync(Guid eventId, CancellationToken cancellationToken = default) =>
        await TakeOneAsync(eventId, CompleteAsync, cancellationToken).ConfigureAwait(false);

    public ValueTask<int> PurgeAllAsync(CancellationToken cancellationToken = default) =>
        TakeWhereAsync(_ => true, maxEvents: int.MaxValue, CompleteAsync, cancellationToken);

    private async ValueTask<bool> TakeOneAsync(Guid eventId, Func<ServiceBusReceivedMessage, CancellationToken, Task> take, CancellationToken cancellationToken)
    {
        var id = eventId.ToString();
        // Peeking locks nothing, so an id that is not there costs no receive.
        return await PeekAsync(id, cancellationToken).ConfigureAwait(false) is not null
            && await TakeWhereAsync(m => m.MessageId == id, maxEvents: 1, take, cancellationToken).ConfigureAwait(false) > 0;
    }

    private async Task ResendAsync(ServiceBusReceivedMessage message, CancellationToken cancellationToken)
    {
        var envelope = ServiceBusEventMessages.ToEnvelope(message).Replayed();
        await topic.SendMessageAsync(ServiceBusEventMessages.ToMessage(envelope), cancellationToken).ConfigureAwait(false);
        await CompleteAsync(message, cancellationToken).ConfigureAwait(false);
    }

    private Task CompleteAsync(ServiceBusReceivedMessage message, CancellationToken cancellationToken) =>
        deadLetters.Receiver.CompleteMessageAsync(message, cancellationToken);

    private async Task<ServiceBusReceivedMessage?> PeekAsync(string messageId, CancellationToken cancellationToken)
    {
        var from = 0L;
        while (true)
        {
            var page = await deadLetters.Receiver.PeekMessagesAsync(BatchSize, from, cancellationToken).ConfigureAwait(false);
            if (page.Count == 0)
            {
                return null;
            }

            if (page.FirstOrDefault(m => m.MessageId == messageId) is { } found)
            {
                return found;
            }

            from = page[^1].SequenceNumber + 1;
        }
    }

    /// <summary>
    /// Receives the dead letters batch by batch, taking matches (each event once per call: replayed or
    /// deleted by <paramref name="take"/>, which settles the message) and holding
    /// the rest locked — an abandoned message comes straight back to the receiver — until the sub-queue has
    /// no more or enough were taken; then lets the held ones go. A message seen twice means its lock ran
    /// out before the scan ended, so the scan stops there instead of going round again.
    /// </summary>
    private async ValueTask<int> TakeWhereAsync(
        Func<ServiceBusReceivedMessage, bool> matches, int maxEvents, Func<ServiceBusReceivedMessage, CancellationToken, Task> take, CancellationToken cancellationToken)
    {
        var receiver = deadLetters.Receiver;
        var held = new List<ServiceBusReceivedMessage>();
        var seen = new HashSet<long>();
        var taken = new HashSet<string>(StringComparer.Ordinal);
        try
        {
            var lockRanOut = false;
            while (taken.Count < maxEvents && !lockRanOut)
            {
                var batch = await receiver.ReceiveMessagesAsync(BatchSize, WaitForMessages, cancellationToken).ConfigureAwait(false);
                if (batch.Count == 0)
                {
                    break;
                }

                held.AddRange(batch);
                foreach (var message in batch)
                {
                    lockRanOut |= !seen.Add(message.SequenceNumber);
                    if (lockRanOut || taken.Count >= maxEvents || !matches(message) || taken.Contains(message.MessageId))
                    {
                        continue;
                    }

                    await take(message, cancellationToken).ConfigureAwait(false);
                    held.Remove(message);
                    taken.Add(message.MessageId);
                }
            }
        }
        finally
        {
            // Even when the caller gave up or a send failed: what was not taken goes back as it was.
            await ReleaseAsync(receiver, held).ConfigureAwait(false);
        }

        return taken.Count;
    }

    private static async Task ReleaseAsync(ServiceBusReceiver receiver, List<ServiceBusReceivedMessage> held)
    {
        foreach (var message in held)
        {
            try
            {
                await receiver.AbandonMessageAsync(message, cancellationToken: CancellationToken.None).ConfigureAwait(false);
            }
            catch (ServiceBusException exception) when (exception.Reason == ServiceBusFailureReason.MessageLockLost)
            {
                // Its lock ran out: the broker has released it already.
            }
        }
    }
}

/// <summary>The receiver of the subscription's dead-letter sub-queue (a type of its own so it is not mistaken for another receiver).</summary>
/// <param name="Receiver">The receiver.</param>
internal sealed record DeadLetterReceiver(ServiceBusReceiver Receiver);
