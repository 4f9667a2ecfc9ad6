using Azure.Messaging.ServiceBus;

namespace ServerlessCqrs.Functions.Tests.Events;

/// <summary>
/// A dead-letter sub-queue that behaves as the broker does: a receive locks the oldest unlocked messages,
/// an abandon unlocks one at once (so the next receive returns it again), a complete removes it, and a peek
/// reads from a sequence number without locking anything.
/// </summary>
internal sealed class FakeDeadLetterSubQueue(IEnumerable<ServiceBusMessage> deadLettered) : ServiceBusReceiver
{
    private readonly List<(long Sequence, ServiceBusMessage Message)> _messages = [.. deadLettered.Select((m, i) => (1000L + i, m))];
    private readonly Dictionary<Guid, long> _locks = [];
    private readonly Lock _gate = new();
    private long _lastPeeked;

    public IReadOnlyList<string> MessageIds
    {
        get
        {
            lock (_gate)
            {
                return [.. _messages.Select(m => m.Message.MessageId)];
            }
        }
    }

    public int LockedCount
    {
        get
        {
            lock (_gate)
            {
                return _locks.Count;
            }
        }
    }

    public override Task<IReadOnlyList<ServiceBusReceivedMessage>> ReceiveMessagesAsync(int maxMessages, TimeSpan? maxWaitTime = null, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            var received = _messages.Where(m => !_locks.ContainsValue(m.Sequence)).Take(maxMessages)
                .Select(m => Received(m.Sequence, m.Message, Guid.NewGuid())).ToList();
            received.ForEach(m => _locks[Guid.Parse(m.LockToken)] = m.SequenceNumber);
            return Task.FromResult<IReadOnlyList<ServiceBusReceivedMessage>>(received);
        }
    }

    public override Task AbandonMessageAsync(ServiceBusReceivedMessage message, IDictionary<string, object>? propertiesToModify = null, CancellationToken cancellationToken = default)
    {
        Unlock(message);
        return Task.CompletedTask;
    }

    public override Task CompleteMessageAsync(ServiceBusReceivedMessage message, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            Unlock(message);
            _messages.RemoveAll(m => m.Sequence == message.SequenceNumber);
        }

        return Task.CompletedTask;
    }

    /// <summary>Without a sequence number a peek goes on after the last one this receiver peeked, as the SDK's does.</summary>
    public override Task<IReadOnlyList<ServiceBusReceivedMessage>> PeekMessagesAsync(int maxMessages, long? fromSequenceNumber = null, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            var from = fromSequenceNumber ?? _lastPeeked + 1;
            var peeked = _messages.Where(m => m.Sequence >= from).Take(maxMessages).Select(m => Received(m.Sequence, m.Message, Guid.Empty)).ToList();
            _lastPeeked = peeked.Count > 0 ? peeked[^1].SequenceNumber : _lastPeeked;
            return Task.FromResult<IReadOnlyList<ServiceBusReceivedMessage>>(peeked);
        }
    }

    private void Unlock(ServiceBusReceivedMessage message)
    {
        lock (_gate)
        {
            if (!_locks.Remove(Guid.Parse(message.LockToken)))
            {
                throw new ServiceBusException("The lock was lost.", ServiceBusFailureReason.MessageLockLost);
            }
        }
    }

    private static ServiceBusReceivedMessage Received(long sequence, ServiceBusMessage message, Guid lockToken) =>
        ServiceBusModelFactory.ServiceBusReceivedMessage(
            body: message.Body, messageId: message.MessageId, subject: message.Subject, correlationId: message.CorrelationId,
            contentType: message.ContentType, properties: message.ApplicationProperties, lockTokenGuid: lockToken, sequenceNumber: sequence);
}
