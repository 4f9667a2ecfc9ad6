using Azure;
using ServerlessCqrs.Events;

namespace ServerlessCqrs.Azure.StorageQueues;

/// <summary>
/// Schedules on the events queue: the message is sent invisible until it is due, and never expires. The queue
/// hides a message for 7 days at most; a later due time arrives after 7 days and is scheduled again for the
/// rest. The handle is the message's id and pop receipt, which is what deleting it takes.
/// </summary>
internal sealed class StorageQueueEventScheduler(EventQueues queues, TimeProvider timeProvider) : IEventScheduler
{
    /// <summary>The longest a queue message can stay invisible.</summary>
    public static readonly TimeSpan MaxDelay = TimeSpan.FromDays(7);

    private const char Separator = ' ';

    // -1 second: the message never expires (the default, 7 days, would let a long wait expire unseen).
    private static readonly TimeSpan NeverExpires = TimeSpan.FromSeconds(-1);

    public async ValueTask<string> ScheduleAsync(EventEnvelope envelope, DateTimeOffset dueAt, CancellationToken cancellationToken)
    {
        var queue = await queues.EventsAsync(cancellationToken).ConfigureAwait(false);
        var delay = dueAt - timeProvider.GetUtcNow();
        delay = delay < TimeSpan.Zero ? TimeSpan.Zero : delay > MaxDelay ? MaxDelay : delay;
        var receipt = (await queue.SendMessageAsync(QueueEventMessages.Write(envelope), delay, NeverExpires, cancellationToken).ConfigureAwait(false)).Value;
        return receipt.MessageId + Separator + receipt.PopReceipt;
    }

    public async ValueTask<bool> CancelAsync(string handle, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(handle);
        var split = handle.IndexOf(Separator, StringComparison.Ordinal);
        if (split < 0)
        {
            throw new ArgumentException($"'{handle}' is not a Storage Queue schedule handle (message id, space, pop receipt).", nameof(handle));
        }

        var queue = await queues.EventsAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await queue.DeleteMessageAsync(handle[..split], handle[(split + 1)..], cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (RequestFailedException gone) when (gone.Status == 404)
        {
            // Delivered (a receiver took it and its pop receipt changed), or deleted already.
            return false;
        }
    }
}
