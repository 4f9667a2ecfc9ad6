using System.Collections.Concurrent;
using ServerlessCqrs.Events;

namespace ServerlessCqrs.IntegrationTests.Storage;

/// <summary>A transport that records what it was given, or fails while <see cref="Failing"/> is set.</summary>
public sealed class RecordingTransport : IEventTransport
{
    public MessagingEndpoint Endpoint { get; } = new("test", "events");

    private readonly ConcurrentQueue<EventEnvelope> _sent = new();

    public bool Failing { get; set; }

    public IReadOnlyList<EventEnvelope> Sent => [.. _sent];

    public ValueTask SendAsync(IReadOnlyList<EventEnvelope> envelopes, CancellationToken cancellationToken)
    {
        if (Failing)
        {
            throw new IOException("The broker is unreachable.");
        }

        foreach (var envelope in envelopes)
        {
            _sent.Enqueue(envelope);
        }

        return ValueTask.CompletedTask;
    }
}
