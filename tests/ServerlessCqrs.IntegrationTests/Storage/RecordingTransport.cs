using System.Collections.Concurrent;
using ServerlessCqrs.Events;

namespace ServerlessCqrs.IntegrationTests.Storage;

/// <summary>
/// A transport that records what it was given, fails while <see cref="Failing"/> is set, and refuses
/// events whose payload exceeds <see cref="MaxPayloadLength"/>, as a broker's message limit does.
/// </summary>
public sealed class RecordingTransport : IEventTransport
{
    public MessagingEndpoint Endpoint { get; } = new("test", "events");

    private readonly ConcurrentQueue<EventEnvelope> _sent = new();

    public bool Failing { get; set; }

    public IReadOnlyList<EventEnvelope> Sent => [.. _sent];

    public int MaxPayloadLength { get; set; } = int.MaxValue;

    public ValueTask SendAsync(IReadOnlyList<EventEnvelope> envelopes, CancellationToken cancellationToken)
    {
        if (Failing)
        {
            throw new IOException("The broker is unreachable.");
        }

        if (envelopes.FirstOrDefault(e => e.Payload.Length > MaxPayloadLength) is { } tooLarge)
        {
            throw new UnsendableEventException(tooLarge, $"{tooLarge.Payload.Length} characters is more than a message holds");
        }

        foreach (var envelope in envelopes)
        {
            _sent.Enqueue(envelope);
        }

        return ValueTask.CompletedTask;
    }
}
