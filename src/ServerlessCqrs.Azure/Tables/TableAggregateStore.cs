using System.Text.Json;
using ServerlessCqrs.Events;
using ServerlessCqrs.Registry;
using ServerlessCqrs.Storage;

namespace ServerlessCqrs.Azure.Tables;

/// <summary>
/// Aggregates in Table Storage: each aggregate is a stream of the state table, its state as JSON in the
/// stream's <c>state</c> row with its version, committed with its events in one entity-group transaction
/// (see <see cref="TableStateStore"/>). The commit replaces the row only if it still has the ETag of the
/// expected version, so of two writers from one version exactly one wins.
/// </summary>
internal sealed class TableAggregateStore<TState>(TableStateStore states, MessageRegistry registry) : IAggregateStore<TState>
    where TState : class
{
    private const string State = "State";
    private const string Version = "Version";

    public async ValueTask<Versioned<TState>?> LoadAsync(string id, CancellationToken cancellationToken)
    {
        var row = await states.FindAsync(id, cancellationToken).ConfigureAwait(false);
        return row is null ? null : new Versioned<TState>(
            JsonSerializer.Deserialize<TState>(TableText.Read(row, State), registry.SerializerOptions)!, row.GetInt64(Version) ?? 0);
    }

    public async ValueTask<bool> CommitAsync(string id, TState state, long expectedVersion, IReadOnlyList<EventEnvelope> events, CancellationToken cancellationToken)
    {
        global::Azure.ETag? expected = null;
        if (expectedVersion > 0)
        {
            // The ETag of the version the change was decided from: a writer in between moves it on.
            var current = await states.FindAsync(id, cancellationToken).ConfigureAwait(false);
            if (current?.GetInt64(Version) != expectedVersion)
            {
                return false;
            }

            expected = current.ETag;
        }

        var row = new global::Azure.Data.Tables.TableEntity { [Version] = expectedVersion + 1 };
        TableText.Write(row, State, JsonSerializer.Serialize(state, registry.SerializerOptions), $"The state of {typeof(TState).Name} '{id}'");
        return await states.CommitAsync(id, row, expected, events, cancellationToken).ConfigureAwait(false);
    }
}
