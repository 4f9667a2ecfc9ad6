using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ServerlessCqrs.Diagnostics;
using ServerlessCqrs.Security;
using ServerlessCqrs.Storage;

namespace ServerlessCqrs.Processes;

/// <summary>
/// What operators do with the timeouts processes wait for, on any transport: list them (due first, or only the
/// overdue), cancel one, or move one to another time. Cancel and reschedule change the process's record first —
/// the token it will accept — and then take back the transport's scheduled delivery, so a delivery that cannot be
/// taken back (or is already on its way) arrives stale and is ignored.
/// </summary>
public sealed partial class ProcessTimeouts
{
    private const int ConflictAttempts = 5;

    private readonly ProcessTimeoutIndex _index;
    private readonly AggregateRepository<ProcessRecord> _records;
    private readonly ProcessRuntime _runtime;
    private readonly TimeProvider _timeProvider;
    private readonly IOptionsMonitor<ProcessOptions> _options;
    private readonly ILogger<ProcessTimeouts> _logger;

    internal ProcessTimeouts(
        ProcessTimeoutIndex index, AggregateRepository<ProcessRecord> records, ProcessRuntime runtime, TimeProvider timeProvider,
        IOptionsMonitor<ProcessOptions> options, ILogger<ProcessTimeouts> logger)
    {
        _index = index;
        _records = records;
        _runtime = runtime;
        _timeProvider = timeProvider;
        _options = options;
        _logger = logger;
    }

    /// <summary>
    /// Up to <paramref name="maxCount"/> waiting timeouts, the earliest due first; with <paramref name="overdueOnly"/>,
    /// only those past due by more than <see cref="ProcessOptions.OverdueGrace"/>.
    /// </summary>
    public async ValueTask<IReadOnlyList<ProcessTimeoutEntry>> ListAsync(int maxCount, bool overdueOnly, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxCount);
        var page = await _index.ListAsync(maxCount, null, cancellationToken).ConfigureAwait(false);
        var overdueBefore = OverdueBefore();
        return overdueOnly ? [.. page.Views.TakeWhile(e => e.DueAt < overdueBefore)] : page.Views;
    }

    /// <summary>How many timeouts are overdue (reading only those, earliest first).</summary>
    public async ValueTask<int> CountOverdueAsync(CancellationToken cancellationToken)
    {
        var overdueBefore = OverdueBefore();
        var count = 0;
        ReadModelCursor? after = null;
        do
        {
            var page = await _index.ListAsync(100, after, cancellationToken).ConfigureAwait(false);
            var overdue = page.Views.TakeWhile(e => e.DueAt < overdueBefore).Count();
            count += overdue;
            after = overdue == page.Views.Count ? page.Next : null;
        }
        while (after is not null);
        return count;
    }

    /// <summary>Cancels a waiting timeout: it will not reach its process. <see langword="false"/> when no process waits for it.</summary>
    public async ValueTask<bool> CancelAsync(Guid timeoutId, CancellationToken cancellationToken) =>
        await ChangeAsync(timeoutId, "cancelled", _ => null, cancellationToken).ConfigureAwait(false) is not null;

    /// <summary>
    /// Moves a waiting timeout to <paramref name="dueAt"/>: it is replaced by one with a new id, and the old one, if
    /// delivered anyway, is ignored. Returns the new timeout; <see langword="null"/> when no process waits for the old one.
    /// </summary>
    public async ValueTask<ProcessTimeoutEntry?> RescheduleAsync(Guid timeoutId, DateTimeOffset dueAt, CancellationToken cancellationToken)
    {
        var replaced = await ChangeAsync(timeoutId, "rescheduled",
            t => t with { Id = Guid.CreateVersion7(), DueAt = dueAt, RequestedAt = _timeProvider.GetUtcNow(), Handle = null }, cancellationToken).ConfigureAwait(false);
        return replaced is { Replacement: { } replacement }
            ? replaced.Value.Entry with { TimeoutId = replacement.Id, DueAt = replacement.DueAt, RequestedAt = replacement.RequestedAt, Handle = replacement.Handle }
            : null;
    }

    /// <summary>
    /// Replaces the timeout in its process's record with what <paramref name="replace"/> gives (nothing: removed), takes back its
    /// scheduled delivery, and schedules the replacement. <see langword="null"/> when no process waits for it.
    /// </summary>
    private async ValueTask<(ProcessTimeoutEntry Entry, ProcessTimeout? Replacement)?> ChangeAsync(
        Guid timeoutId, string change, Func<ProcessTimeout, ProcessTimeout?> replace, CancellationToken cancellationToken)
    {
        if (await _index.FindAsync(timeoutId, cancellationToken).ConfigureAwait(false) is not { } entry)
        {
            return null;
        }

        // The record lives in its tenant's partition: act as the service for that tenant.
        using var caller = MessageCaller.Use(MessageCaller.ForService(entry.TenantId, onBehalfOfUserId: null));
        var stream = ProcessRecord.StreamOf(entry.Process, entry.CorrelationId);
        for (var attempt = 1; attempt <= ConflictAttempts; attempt++)
        {
            var loaded = await _records.LoadAsync(stream, cancellationToken).ConfigureAwait(false);
            if (loaded?.Value.Timeouts.FirstOrDefault(t => t.Id == timeoutId) is not { } timeout)
            {
                // Fired, cancelled or replaced since it was listed.
                await _index.RemoveAsync(timeoutId, cancellationToken).ConfigureAwait(false);
                return null;
            }

            var replacement = replace(timeout);
            if (await _runtime.ReplaceTimeoutAsync(loaded, timeout, replacement, cancellationToken).ConfigureAwait(false) is not { } saved)
            {
                continue;
            }

            LogChanged(_logger, timeoutId, change, entry.Process, entry.CorrelationId, replacement?.Id);
            return (entry, replacement is null ? null : saved.Timeouts.FirstOrDefault(t => t.Id == replacement.Id) ?? replacement);
        }

        throw new Resilience.TransientException($"Process {stream} kept changing while timeout {timeoutId} was being {change}.");
    }

    private DateTimeOffset OverdueBefore() => _timeProvider.GetUtcNow() - _options.CurrentValue.OverdueGrace;

    [LoggerMessage(EventId = CqrsLogEvents.Processes.ProcessTimeoutChanged, EventName = nameof(CqrsLogEvents.Processes.ProcessTimeoutChanged), Level = LogLevel.Warning,
        Message = "timeout {id} of process {process} {correlationId} was {change} by an operator (replaced by {replacement})")]
    private static partial void LogChanged(ILogger logger, Guid id, string change, string process, string correlationId, Guid? replacement);
}
