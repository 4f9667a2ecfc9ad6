using System.Text.Json;
using System.Text.Json.Serialization;
using ServerlessCqrs.Events;

namespace ServerlessCqrs.Azure.StorageQueues;

/// <summary>
/// Events as Storage Queue messages: a JSON object carrying the envelope (the payload as a JSON
/// string), and in the poison queue also why it was dead-lettered. Queues have no message
/// properties, so the trace context travels in the body.
/// </summary>
internal static class QueueEventMessages
{
    /// <summary>The name given to a message that is not an event at all.</summary>
    public const string UnreadableName = "(unreadable)";

    /// <summary>Why the Functions host poisons a message it gave up on (it does not say).</summary>
    public const string HostPoisonedReason = "MaxDequeueCountExceeded";

    public static string Write(EventEnvelope envelope) => JsonSerializer.Serialize(From(envelope, null), QueueMessageJson.Default.QueueEventMessage);

    public static string Write(DeadLetter deadLetter) => JsonSerializer.Serialize(
        From(deadLetter.Envelope, new QueueDeadLetterInfo(deadLetter.Reason, deadLetter.Description, deadLetter.ExceptionType, deadLetter.StackTrace, deadLetter.DeadLetteredAt)),
        QueueMessageJson.Default.QueueEventMessage);

    /// <summary>Reads an event; a body that is not one gives an envelope holding the raw body and the reason.</summary>
    public static bool TryRead(string body, string messageId, out EventEnvelope envelope, out string? problem)
    {
        var message = Parse(body, out problem);
        if (message is null)
        {
            envelope = Unreadable(body, messageId);
            return false;
        }

        envelope = ToEnvelope(message);
        return true;
    }

    /// <summary>Reads a poison-queue message: ours carry the reason; the host's (or unreadable ones) are described here.</summary>
    public static DeadLetter ReadDeadLetter(string body, string messageId, DateTimeOffset insertedOn)
    {
        var message = Parse(body, out var problem);
        if (message is null)
        {
            return new DeadLetter(Unreadable(body, messageId), nameof(DeadLetterReason.MalformedPayload), problem!, null, null, insertedOn);
        }

        var envelope = ToEnvelope(message);
        return message.DeadLetter is { } info
            ? new DeadLetter(envelope, info.Reason, info.Description, info.ExceptionType, info.StackTrace, info.DeadLetteredAt)
            : new DeadLetter(envelope, HostPoisonedReason, "The Functions host moved it here after the queue's maxDequeueCount deliveries.", null, null, insertedOn);
    }

    private static QueueEventMessage? Parse(string body, out string? problem)
    {
        try
        {
            var message = JsonSerializer.Deserialize(body, QueueMessageJson.Default.QueueEventMessage);
            problem = message is { Id: var id, Name.Length: > 0, Payload: not null } && id != Guid.Empty
                ? null
                : "The message is JSON but not an event: it needs an id, a name and a payload.";
            return problem is null ? message : null;
        }
        catch (JsonException exception)
        {
            problem = $"The message is not an event: {exception.Message}";
            return null;
        }
    }

    private static EventEnvelope Unreadable(string body, string messageId) => new()
    {
        EventId = Guid.TryParse(messageId, out var id) ? id : Guid.Empty,
        Name = UnreadableName,
        Payload = body,
    };

    private static QueueEventMessage From(EventEnvelope e, QueueDeadLetterInfo? deadLetter) =>
        new(e.EventId, e.Name, e.Version, e.Payload, e.OccurredAt, e.TraceParent, e.TraceState, e.CorrelationId, e.StreamId, e.DeliveryAttempt, deadLetter, e.FirstFailedAt, e.TenantId, e.UserId);

    private static EventEnvelope ToEnvelope(QueueEventMessage m) => new()
    {
        EventId = m.Id,
        Name = m.Name,
        Version = m.Version,
        Payload = m.Payload,
        OccurredAt = m.OccurredAt,
        TraceParent = m.TraceParent,
        TraceState = m.TraceState,
        CorrelationId = m.CorrelationId,
        StreamId = m.StreamId,
        TenantId = m.TenantId,
        UserId = m.UserId,
        DeliveryAttempt = Math.Max(1, m.DeliveryAttempt),
        FirstFailedAt = m.FirstFailedAt,
    };
}

internal sealed record QueueEventMessage(
    Guid Id,
    string Name,
    int Version,
    string Payload,
    DateTimeOffset OccurredAt,
    string? TraceParent,
    string? TraceState,
    string? CorrelationId,
    string? StreamId,
    int DeliveryAttempt,
    QueueDeadLetterInfo? DeadLetter,
    DateTimeOffset? FirstFailedAt = null,
    string? TenantId = null,
    string? UserId = null);

internal sealed record QueueDeadLetterInfo(string Reason, string Description, string? ExceptionType, string? StackTrace, DateTimeOffset DeadLetteredAt);

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(QueueEventMessage))]
internal sealed partial class QueueMessageJson : JsonSerializerContext;
