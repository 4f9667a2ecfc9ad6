using System.Diagnostics;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ServerlessCqrs.Diagnostics;
using ServerlessCqrs.Events;
using ServerlessCqrs.Registry;
using ServerlessCqrs.Resilience;
using ServerlessCqrs.Security;
using ServerlessCqrs.Storage;

namespace ServerlessCqrs.Processes;

/// <summary>
/// Runs process managers' steps. A step loads the record, lets the manager decide, and saves the next record with
/// the events it publishes (through the outbox) in one optimistic-concurrency write; a conflicting writer makes it
/// load and decide again. Only then are the step's commands sent and its timeouts scheduled, and a second write
/// records that (the commands go, the transport's handles are kept). A step that dies in between leaves that work in
/// the record, and the redelivery of its message (recognised by id, not decided twice) finishes it.
/// </summary>
internal sealed partial class ProcessRuntime(
    AggregateRepository<ProcessRecord> records,
    IEventScheduler scheduler,
    MessageRegistry registry,
    ProcessTimeoutIndex index,
    IEnumerable<ProcessManager> managers,
    CqrsMetrics metrics,
    TimeProvider timeProvider,
    ILogger<ProcessRuntime> logger)
{
    private const int ConflictAttempts = 5;

    // A transport whose delay is capped (a queue message hides for 7 days at most) delivers early; anything
    // earlier than this before its due time is scheduled again for the rest.
    private static readonly TimeSpan EarlyTolerance = TimeSpan.FromSeconds(1);

    private readonly Dictionary<string, ProcessManager> _managers = managers.ToDictionary(m => m.Name, StringComparer.Ordinal);

    private JsonSerializerOptions Json => registry.SerializerOptions;

    /// <summary>Reads a delivered event as the contract type a process declared (the same object when it already is one).</summary>
    public static object ReadAs(Type contract, object @event, MessageDescriptor descriptor) =>
        contract.IsInstanceOfType(@event)
            ? @event
            : JsonSerializer.SerializeToElement(@event, descriptor.JsonTypeInfo).Deserialize(contract, descriptor.JsonTypeInfo.Options)
                ?? throw new JsonException($"{descriptor.Name} read as {contract.Name} is null.");

    public async ValueTask HandleEventAsync(
        ProcessManager manager, ProcessSubscription subscription, object message, Guid messageId, IServiceProvider services, CancellationToken cancellationToken)
    {
        var correlationId = subscription.CorrelationIdOf(message);
        var stream = ProcessRecord.StreamOf(manager.Name, correlationId);
        for (var attempt = 1; ; attempt++)
        {
            var loaded = await records.LoadAsync(stream, cancellationToken).ConfigureAwait(false);
            var record = loaded?.Value;
            if (record is null && !subscription.Starts)
            {
                LogEventIgnored(logger, subscription.EventName, manager.Name, correlationId);
                return;
            }

            if (await FinishedRedeliveryAsync(loaded, messageId, services, cancellationToken).ConfigureAwait(false))
            {
                return;
            }

            var decision = manager.Decide(record, correlationId, subscription.Handle, message, timeProvider.GetUtcNow(), Json);
            if (await CommitAsync(manager, loaded, record ?? New(manager, correlationId), decision, messageId, services, cancellationToken).ConfigureAwait(false))
            {
                return;
            }

            EnsureAttemptsLeft(attempt, stream);
        }
    }

    public async ValueTask HandleTimeoutAsync(ProcessTimeoutDue due, IServiceProvider services, CancellationToken cancellationToken)
    {
        var manager = _managers.GetValueOrDefault(due.Process)
            ?? throw new InvalidOperationException($"A timeout arrived for process {due.Process}, which this app does not register.");
        if (due.RequestedBy is { } requestedBy && ActivityContext.TryParse(requestedBy, null, isRemote: true, out var requester))
        {
            Activity.Current?.AddLink(new ActivityLink(requester));
        }

        var stream = ProcessRecord.StreamOf(manager.Name, due.CorrelationId);
        for (var attempt = 1; ; attempt++)
        {
            var loaded = await records.LoadAsync(stream, cancellationToken).ConfigureAwait(false);
            if (await FinishedRedeliveryAsync(loaded, due.EventId, services, cancellationToken).ConfigureAwait(false))
            {
                return;
            }

            if (loaded?.Value.Timeouts.FirstOrDefault(t => t.Id == due.EventId) is not { } timeout)
            {
                metrics.ProcessTimeoutsStale.Add(1, new KeyValuePair<string, object?>(CqrsDiagnostics.Tags.Process, manager.Name));
                LogTimeoutStale(logger, due.Timeout, manager.Name, due.CorrelationId, due.EventId);
                await index.RemoveAsync(due.EventId, cancellationToken).ConfigureAwait(false);
                return;
            }

            var now = timeProvider.GetUtcNow();
            if (timeout.DueAt - now > EarlyTolerance)
            {
                // Early (the transport's delay is capped): wait for the rest under a new token, so the ledger,
                // which has seen this delivery's id, lets the next one through.
                if (await ReplaceTimeoutAsync(loaded, timeout, timeout with { Id = Guid.CreateVersion7(), Handle = null }, cancellationToken).ConfigureAwait(false) is not null)
                {
                    return;
                }

                EnsureAttemptsLeft(attempt, stream);
                continue;
            }

            var (type, handleTimeout) = manager.TimeoutHandler(timeout.Name)
                ?? throw new InvalidOperationException($"Process {manager.Name} declares no OnTimeout for {timeout.Name}.");
            var message = JsonSerializer.Deserialize(timeout.Payload, type, Json)!;
            var before = loaded.Value.WithoutTimeout(timeout.Id);
            var decision = manager.Decide(before, due.CorrelationId, handleTimeout, message, now, Json);
            if (await CommitAsync(manager, loaded, before, decision, due.EventId, services, cancellationToken).ConfigureAwait(false))
            {
                metrics.ProcessesTimedOut.Add(1,
                    new KeyValuePair<string, object?>(CqrsDiagnostics.Tags.Process, manager.Name),
                    new KeyValuePair<string, object?>(CqrsDiagnostics.Tags.ProcessTimeout, timeout.Name));
                await index.RemoveAsync(timeout.Id, cancellationToken).ConfigureAwait(false);
                return;
            }

            EnsureAttemptsLeft(attempt, stream);
        }
    }

    /// <summary>
    /// For a redelivery of a message the record says was already decided, finishes what its step left undone (sends, schedules)
    /// without deciding again; <see langword="false"/> for a message not decided yet.
    /// </summary>
    private async ValueTask<bool> FinishedRedeliveryAsync(Versioned<ProcessRecord>? loaded, Guid messageId, IServiceProvider services, CancellationToken cancellationToken)
    {
        if (loaded is null || !loaded.Value.Handled.Contains(messageId))
        {
            return false;
        }

        await FlushAsync(loaded, services, cancellationToken).ConfigureAwait(false);
        return true;
    }

    /// <summary>
    /// Schedules the record's unscheduled timeouts and sends its commands (when <paramref name="services"/> can
    /// dispatch them), then records that; a writer in between makes it merge into the newer record. Returns the record as saved.
    /// </summary>
    public async ValueTask<ProcessRecord> FlushAsync(Versioned<ProcessRecord> current, IServiceProvider? services, CancellationToken cancellationToken)
    {
        var record = current.Value;
        if (!record.HasUnsentWork)
        {
            return record;
        }

        var scheduled = new List<ProcessTimeout>();
        foreach (var timeout in record.Timeouts.Where(t => t.Handle is null))
        {
            var handle = await scheduler.ScheduleAsync(TimeoutEnvelope(record, timeout), timeout.DueAt, cancellationToken).ConfigureAwait(false);
            scheduled.Add(timeout with { Handle = handle });
        }

        var sent = new HashSet<Guid>();
        if (services is not null)
        {
            foreach (var command in record.Commands)
            {
                await SendAsync(record, command, services, cancellationToken).ConfigureAwait(false);
                sent.Add(command.Id);
            }
        }

        var version = current.Version;
        for (var attempt = 1; ; attempt++)
        {
            var next = scheduled.Aggregate(record, (r, t) => r.WithHandle(t.Id, t.Handle!)) with
            {
                Commands = [.. record.Commands.Where(c => !sent.Contains(c.Id))],
            };
            if (await records.SaveAsync(record.StreamId, next, version, [], cancellationToken).ConfigureAwait(false))
            {
                foreach (var timeout in scheduled)
                {
                    if (record.Timeouts.Any(t => t.Id == timeout.Id))
                    {
                        await index.WriteAsync(EntryOf(record, timeout), cancellationToken).ConfigureAwait(false);
                    }
                    else
                    {
                        // Cancelled while it was being scheduled.
                        await CancelQuietlyAsync(timeout.Handle!, cancellationToken).ConfigureAwait(false);
                    }
                }

                return next;
            }

            EnsureAttemptsLeft(attempt, record.StreamId);
            var reloaded = await records.LoadAsync(record.StreamId, cancellationToken).ConfigureAwait(false)
                ?? throw new InvalidOperationException($"Process record {record.StreamId} disappeared.");
            (record, version) = (reloaded.Value, reloaded.Version);
        }
    }

    /// <summary>
    /// Replaces <paramref name="timeout"/> in the record (<paramref name="replacement"/> <see langword="null"/>: removes it), takes
    /// back its scheduled delivery and schedules the replacement. Returns the record as saved; <see langword="null"/> when another
    /// writer changed it first.
    /// </summary>
    public async ValueTask<ProcessRecord?> ReplaceTimeoutAsync(
        Versioned<ProcessRecord> loaded, ProcessTimeout timeout, ProcessTimeout? replacement, CancellationToken cancellationToken)
    {
        var without = loaded.Value.WithoutTimeout(timeout.Id);
        var next = replacement is null ? without : without with { Timeouts = [.. without.Timeouts, replacement] };
        if (!await records.SaveAsync(next.StreamId, next, loaded.Version, [], cancellationToken).ConfigureAwait(false))
        {
            return null;
        }

        if (timeout.Handle is { } handle)
        {
            await CancelQuietlyAsync(handle, cancellationToken).ConfigureAwait(false);
        }

        await index.RemoveAsync(timeout.Id, cancellationToken).ConfigureAwait(false);
        return await FlushAsync(new Versioned<ProcessRecord>(next, loaded.Version + 1), services: null, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Takes back a scheduled delivery; if the transport fails, the timeout's token still makes it a no-op.</summary>
    public async ValueTask CancelQuietlyAsync(string handle, CancellationToken cancellationToken)
    {
        try
        {
            await scheduler.CancelAsync(handle, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (!cancellationToken.IsCancellationRequested)
        {
            LogCancelFailed(logger, exception, handle);
        }
    }

    /// <summary>The operators' view of a timeout of <paramref name="record"/>.</summary>
    public static ProcessTimeoutEntry EntryOf(ProcessRecord record, ProcessTimeout timeout) =>
        new(timeout.Id, record.Process, record.CorrelationId, MessageCaller.Current.TenantId == MessageCaller.DefaultTenant ? null : MessageCaller.Current.TenantId,
            timeout.Name, timeout.DueAt, timeout.RequestedAt, timeout.Handle);

    /// <summary>
    /// Saves the step's decision over <paramref name="before"/> (<paramref name="loaded"/> is what the store holds) and
    /// finishes the step; <see langword="false"/> when another writer got there first.
    /// </summary>
    private async ValueTask<bool> CommitAsync(
        ProcessManager manager, Versioned<ProcessRecord>? loaded, ProcessRecord before, ProcessDecision decision, Guid messageId,
        IServiceProvider services, CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow();
        var cancelled = decision.CancelsTimeouts ? before.Timeouts : [];
        var next = before.Remember(messageId) with
        {
            State = decision.State,
            Status = decision.Completed ? ProcessStatus.Completed : before.Status,
            StartedAt = loaded is null ? now : before.StartedAt,
            LastTransitionAt = now,
            Timeouts = [.. before.Timeouts.Except(cancelled), .. decision.Timeouts.Select(t => Requested(t.Delay, t.Message, now))],
            Commands = [.. before.Commands, .. decision.Commands.Select(c => new ProcessCommand(Guid.CreateVersion7(), MessageShape.NameOf(c.GetType()), Serialize(c)))],
        };
        var version = loaded?.Version ?? 0;
        if (!await records.SaveAsync(next.StreamId, next, version, decision.Events, cancellationToken).ConfigureAwait(false))
        {
            return false;
        }

        var process = new KeyValuePair<string, object?>(CqrsDiagnostics.Tags.Process, manager.Name);
        if (loaded is null)
        {
            metrics.ProcessesStarted.Add(1, process);
        }

        if (decision.Completed && before.Status != ProcessStatus.Completed)
        {
            metrics.ProcessesCompleted.Add(1, process);
        }

        foreach (var timeout in cancelled)
        {
            if (timeout.Handle is { } handle)
            {
                await CancelQuietlyAsync(handle, cancellationToken).ConfigureAwait(false);
            }

            await index.RemoveAsync(timeout.Id, cancellationToken).ConfigureAwait(false);
        }

        await FlushAsync(new Versioned<ProcessRecord>(next, version + 1), services, cancellationToken).ConfigureAwait(false);
        return true;
    }

    private ProcessTimeout Requested(TimeSpan delay, object message, DateTimeOffset now) =>
        new(Guid.CreateVersion7(), MessageShape.NameOf(message.GetType()), Serialize(message), now + delay, now, null,
            Activity.Current?.IdFormat == ActivityIdFormat.W3C ? Activity.Current.Id : null);

    /// <summary>
    /// The delivery of a timeout, for the current caller's tenant. Written here rather than by the envelope factory, so an
    /// operator's tools, which register no process, can schedule one too. No trace parent: the delivery starts its own
    /// trace, linked to <see cref="ProcessTimeout.RequestedBy"/>.
    /// </summary>
    private EventEnvelope TimeoutEnvelope(ProcessRecord record, ProcessTimeout timeout)
    {
        var due = new ProcessTimeoutDue
        {
            EventId = timeout.Id,
            OccurredAt = timeout.RequestedAt,
            Process = record.Process,
            CorrelationId = record.CorrelationId,
            Timeout = timeout.Name,
            DueAt = timeout.DueAt,
            RequestedBy = timeout.RequestedBy,
        };
        var caller = MessageCaller.Current;
        return new EventEnvelope
        {
            EventId = due.EventId,
            Name = ProcessTimeoutDue.WireName,
            Payload = JsonSerializer.Serialize(due, Json),
            OccurredAt = due.OccurredAt,
            TenantId = caller.TenantId == MessageCaller.DefaultTenant ? null : caller.TenantId,
        };
    }

    /// <summary>Sends a recorded command by name: the registered command it names, read from the JSON the process wrote.</summary>
    private async ValueTask SendAsync(ProcessRecord record, ProcessCommand command, IServiceProvider services, CancellationToken cancellationToken)
    {
        if (!registry.TryGetByName(command.Name, out var descriptor) || descriptor.Kind != MessageKind.Command)
        {
            throw new InvalidOperationException($"Process {record.Process} sends a command named '{command.Name}', which this app does not register.");
        }

        var message = JsonSerializer.Deserialize(command.Payload, descriptor.JsonTypeInfo)!;
        var result = await services.GetRequiredService<IMessageBus>().DispatchAsync(message, cancellationToken).ConfigureAwait(false);
        if (result.Error is { } error)
        {
            var what = $"Process {record.Process} {record.CorrelationId} sent {command.Name}, which failed: {error}";
            throw error.Kind == ErrorKind.Concurrency ? new TransientException(what) : new InvalidOperationException(what);
        }
    }

    private string Serialize(object value) => JsonSerializer.Serialize(value, value.GetType(), Json);

    private static ProcessRecord New(ProcessManager manager, string correlationId) => new() { Process = manager.Name, CorrelationId = correlationId };

    private static void EnsureAttemptsLeft(int attempt, string stream)
    {
        if (attempt >= ConflictAttempts)
        {
            throw new TransientException($"Process {stream} kept changing under this step ({attempt} attempts).");
        }
    }

    [LoggerMessage(EventId = CqrsLogEvents.Processes.ProcessEventIgnored, EventName = nameof(CqrsLogEvents.Processes.ProcessEventIgnored), Level = LogLevel.Information,
        Message = "{event} reached process {process} {correlationId}, which has not started; the event does not start it, so it is ignored")]
    private static partial void LogEventIgnored(ILogger logger, string @event, string process, string correlationId);

    [LoggerMessage(EventId = CqrsLogEvents.Processes.ProcessTimeoutStale, EventName = nameof(CqrsLogEvents.Processes.ProcessTimeoutStale), Level = LogLevel.Information,
        Message = "timeout {timeout} {id} of process {process} {correlationId} arrived after it was cancelled or superseded; ignored")]
    private static partial void LogTimeoutStale(ILogger logger, string timeout, string process, string correlationId, Guid id);

    [LoggerMessage(EventId = CqrsLogEvents.Processes.ProcessTimeoutCancelFailed, EventName = nameof(CqrsLogEvents.Processes.ProcessTimeoutCancelFailed), Level = LogLevel.Warning,
        Message = "the scheduled delivery {handle} could not be taken back; when it arrives its token makes it a no-op")]
    private static partial void LogCancelFailed(ILogger logger, Exception exception, string handle);
}
