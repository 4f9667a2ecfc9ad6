using Azure.Data.Tables;
using ServerlessCqrs.Events;

namespace ServerlessCqrs.Azure.Tables;

/// <summary>
/// Outbox entries as rows of the state table: in the partition of the stream they belong to, with
/// row keys <c>outbox|{eventId}</c> beside the stream's <c>state</c> row.
/// </summary>
internal static class OutboxRows
{
    /// <summary>The partition of events recorded without a stream (<see cref="IEventPublisher"/>).</summary>
    public const string UnstreamedPartition = "~events";

    public const string KeyPrefix = "outbox|";

    /// <summary>The first row key after every outbox key (<c>}</c> follows <c>|</c>).</summary>
    public const string KeyEnd = "outbox}";

    /// <summary>Table Storage keeps strings up to 64 KiB, that is 32 K UTF-16 characters.</summary>
    public const int MaxPayloadLength = 32 * 1024;

    private const string RecordedAt = "RecordedAt";

    public static string PartitionOf(EventEnvelope envelope) => envelope.StreamId ?? UnstreamedPartition;

    public static string RowKeyOf(Guid eventId) => KeyPrefix + eventId.ToString("N");

    public static TableEntity ToEntity(EventEnvelope envelope, DateTimeOffset recordedAt)
    {
        if (envelope.Payload.Length > MaxPayloadLength)
        {
            throw new InvalidOperationException(
                $"Event {envelope.Name} {envelope.EventId} is {envelope.Payload.Length} characters of JSON; the Table Storage outbox holds at most {MaxPayloadLength}.");
        }

        return new TableEntity(PartitionOf(envelope), RowKeyOf(envelope.EventId))
        {
            [nameof(EventEnvelope.EventId)] = envelope.EventId,
            [nameof(EventEnvelope.Name)] = envelope.Name,
            [nameof(EventEnvelope.Version)] = envelope.Version,
            [nameof(EventEnvelope.Payload)] = envelope.Payload,
            [nameof(EventEnvelope.OccurredAt)] = envelope.OccurredAt,
            [nameof(EventEnvelope.TraceParent)] = envelope.TraceParent,
            [nameof(EventEnvelope.TraceState)] = envelope.TraceState,
            [nameof(EventEnvelope.CorrelationId)] = envelope.CorrelationId,
            [RecordedAt] = recordedAt,
        };
    }

    public static EventEnvelope ToEnvelope(TableEntity entity) => new()
    {
        EventId = entity.GetGuid(nameof(EventEnvelope.EventId)) ?? Guid.Empty,
        Name = entity.GetString(nameof(EventEnvelope.Name)) ?? "",
        Version = entity.GetInt32(nameof(EventEnvelope.Version)) ?? 1,
        Payload = entity.GetString(nameof(EventEnvelope.Payload)) ?? "",
        OccurredAt = entity.GetDateTimeOffset(nameof(EventEnvelope.OccurredAt)) ?? default,
        TraceParent = entity.GetString(nameof(EventEnvelope.TraceParent)),
        TraceState = entity.GetString(nameof(EventEnvelope.TraceState)),
        CorrelationId = entity.GetString(nameof(EventEnvelope.CorrelationId)),
        StreamId = entity.PartitionKey == UnstreamedPartition ? null : entity.PartitionKey,
    };

    /// <summary>Outbox rows recorded before <paramref name="recordedBefore"/>, in every partition.</summary>
    public static string PendingFilter(DateTimeOffset recordedBefore) =>
        TableClient.CreateQueryFilter($"RowKey ge {KeyPrefix} and RowKey lt {KeyEnd} and RecordedAt lt {recordedBefore}");
}
