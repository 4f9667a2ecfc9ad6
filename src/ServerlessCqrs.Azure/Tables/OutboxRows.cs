using Azure.Data.Tables;
using ServerlessCqrs.Events;

namespace ServerlessCqrs.Azure.Tables;

/// <summary>
/// Outbox entries as rows of the state table: in the partition of the stream they belong to, with
/// row keys <c>outbox|{eventId}</c> beside the stream's <c>state</c> row. A payload longer than one
/// string property holds (32 K characters) is split over several.
/// </summary>
internal static class OutboxRows
{
    /// <summary>The partition of events recorded without a stream (<see cref="IEventPublisher"/>).</summary>
    public const string UnstreamedPartition = "~events";

    public const string KeyPrefix = "outbox|";

    /// <summary>Table Storage keeps strings up to 64 KiB, that is 32 K UTF-16 characters.</summary>
    public const int PartLength = 32 * 1024;

    /// <summary>An entity holds 1 MiB; fifteen parts leave room for the rest of the row.</summary>
    public const int MaxPayloadLength = 15 * PartLength;

    private const string PayloadParts = "PayloadParts";

    public static string PartitionOf(EventEnvelope envelope) => envelope.StreamId ?? UnstreamedPartition;

    public static string RowKeyOf(Guid eventId) => KeyPrefix + eventId.ToString("N");

    public static TableEntity ToEntity(EventEnvelope envelope, string partitionKey, string rowKey)
    {
        if (envelope.Payload.Length > MaxPayloadLength)
        {
            throw new ArgumentException(
                $"Event {envelope.Name} {envelope.EventId} is {envelope.Payload.Length} characters of JSON; the Table Storage outbox holds at most {MaxPayloadLength}.",
                nameof(envelope));
        }

        var entity = new TableEntity(partitionKey, rowKey)
        {
            [nameof(EventEnvelope.EventId)] = envelope.EventId,
            [nameof(EventEnvelope.Name)] = envelope.Name,
            [nameof(EventEnvelope.Version)] = envelope.Version,
            [nameof(EventEnvelope.OccurredAt)] = envelope.OccurredAt,
            [nameof(EventEnvelope.TraceParent)] = envelope.TraceParent,
            [nameof(EventEnvelope.TraceState)] = envelope.TraceState,
            [nameof(EventEnvelope.CorrelationId)] = envelope.CorrelationId,
            [nameof(EventEnvelope.StreamId)] = envelope.StreamId,
        };
        var parts = 0;
        for (var at = 0; at < envelope.Payload.Length || parts == 0; at += PartLength)
        {
            entity[$"Payload{parts++}"] = envelope.Payload.Substring(at, Math.Min(PartLength, envelope.Payload.Length - at));
        }

        entity[PayloadParts] = parts;
        return entity;
    }

    public static TableEntity ToEntity(EventEnvelope envelope) => ToEntity(envelope, PartitionOf(envelope), RowKeyOf(envelope.EventId));

    public static EventEnvelope ToEnvelope(TableEntity entity) => new()
    {
        EventId = entity.GetGuid(nameof(EventEnvelope.EventId)) ?? Guid.Empty,
        Name = entity.GetString(nameof(EventEnvelope.Name)) ?? "",
        Version = entity.GetInt32(nameof(EventEnvelope.Version)) ?? 1,
        Payload = string.Concat(Enumerable.Range(0, entity.GetInt32(PayloadParts) ?? 0).Select(i => entity.GetString($"Payload{i}"))),
        OccurredAt = entity.GetDateTimeOffset(nameof(EventEnvelope.OccurredAt)) ?? default,
        TraceParent = entity.GetString(nameof(EventEnvelope.TraceParent)),
        TraceState = entity.GetString(nameof(EventEnvelope.TraceState)),
        CorrelationId = entity.GetString(nameof(EventEnvelope.CorrelationId)),
        StreamId = entity.GetString(nameof(EventEnvelope.StreamId)),
    };
}
