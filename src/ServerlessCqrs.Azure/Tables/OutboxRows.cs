using Azure.Data.Tables;
using ServerlessCqrs.Events;

namespace ServerlessCqrs.Azure.Tables;

/// <summary>
/// Outbox entries as rows of the state table: in the partition of the stream they belong to, with
/// row keys <c>outbox|{eventId}</c> beside the stream's <c>state</c> row; the payload as <see cref="TableText"/>.
/// </summary>
internal static class OutboxRows
{
    /// <summary>The partition of events recorded without a stream (<see cref="IEventPublisher"/>).</summary>
    public const string UnstreamedPartition = "~events";

    public const string KeyPrefix = "outbox|";

    public static string PartitionOf(EventEnvelope envelope) => envelope.StreamId ?? UnstreamedPartition;

    public static string RowKeyOf(Guid eventId) => KeyPrefix + eventId.ToString("N");

    public static TableEntity ToEntity(EventEnvelope envelope, string partitionKey, string rowKey)
    {
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
            [nameof(EventEnvelope.TenantId)] = envelope.TenantId,
            [nameof(EventEnvelope.UserId)] = envelope.UserId,
        };
        TableText.Write(entity, nameof(EventEnvelope.Payload), envelope.Payload, $"The payload of event {envelope.Name} {envelope.EventId}");
        return entity;
    }

    public static TableEntity ToEntity(EventEnvelope envelope) => ToEntity(envelope, PartitionOf(envelope), RowKeyOf(envelope.EventId));

    public static EventEnvelope ToEnvelope(TableEntity entity) => new()
    {
        EventId = entity.GetGuid(nameof(EventEnvelope.EventId)) ?? Guid.Empty,
        Name = entity.GetString(nameof(EventEnvelope.Name)) ?? "",
        Version = entity.GetInt32(nameof(EventEnvelope.Version)) ?? 1,
        Payload = TableText.Read(entity, nameof(EventEnvelope.Payload)),
        OccurredAt = entity.GetDateTimeOffset(nameof(EventEnvelope.OccurredAt)) ?? default,
        TraceParent = entity.GetString(nameof(EventEnvelope.TraceParent)),
        TraceState = entity.GetString(nameof(EventEnvelope.TraceState)),
        CorrelationId = entity.GetString(nameof(EventEnvelope.CorrelationId)),
        StreamId = entity.GetString(nameof(EventEnvelope.StreamId)),
        TenantId = entity.GetString(nameof(EventEnvelope.TenantId)),
        UserId = entity.GetString(nameof(EventEnvelope.UserId)),
    };
}
