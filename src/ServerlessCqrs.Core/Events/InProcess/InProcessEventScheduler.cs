using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.Extensions.Logging;
using ServerlessCqrs.Diagnostics;

namespace ServerlessCqrs.Events.InProcess;

/// <summary>
/// Schedules with a timer of the host's <see cref="TimeProvider"/>: when it fires, the envelope goes to the
/// configured transport. The timer lives in this process, so a scheduled delivery is lost if the process
/// ends first; the process manager's record still holds the timeout, and <c>cqrs-ops timeouts</c> shows it overdue.
/// Use Storage Queue or Service Bus where timeouts must survive a restart.
/// </summary>
internal sealed partial class InProcessEventScheduler(IEventTransport transport, TimeProvider timeProvider, ILogger<InProcessEventScheduler> logger)
    : IEventScheduler, IDisposable
{
    /// <summary>The longest a timer waits; a later due time arrives early and is scheduled again for the rest.</summary>
    public static readonly TimeSpan MaxDelay = TimeSpan.FromDays(7);

    private readonly ConcurrentDictionary<string, ITimer> _timers = new(StringComparer.Ordinal);
    private long _next;

    public ValueTask<string> ScheduleAsync(EventEnvelope envelope, DateTimeOffset dueAt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(envelope);
        var handle = Interlocked.Increment(ref _next).ToString(CultureInfo.InvariantCulture);
        var delay = Math.Clamp((dueAt - timeProvider.GetUtcNow()).Ticks, 0, MaxDelay.Ticks);
        _timers[handle] = timeProvider.CreateTimer(_ => _ = FireAsync(handle, envelope), null, TimeSpan.FromTicks(delay), Timeout.InfiniteTimeSpan);
        return ValueTask.FromResult(handle);
    }

    public ValueTask<bool> CancelAsync(string handle, CancellationToken cancellationToken)
    {
        if (!_timers.TryRemove(handle, out var timer))
        {
            return ValueTask.FromResult(false);
        }

        timer.Dispose();
        return ValueTask.FromResult(true);
    }

    public void Dispose()
    {
        foreach (var timer in _timers.Values)
        {
            timer.Dispose();
        }

        _timers.Clear();
    }

    private async Task FireAsync(string handle, EventEnvelope envelope)
    {
        if (!_timers.TryRemove(handle, out var timer))
        {
            return;
        }

        timer.Dispose();
        try
        {
            await transport.SendAsync([envelope], CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception exception)
        {
            LogDeliveryFailed(logger, exception, envelope.Name, envelope.EventId);
        }
    }

    [LoggerMessage(EventId = CqrsLogEvents.InProcess.InProcessScheduledDeliveryFailed, EventName = nameof(CqrsLogEvents.InProcess.InProcessScheduledDeliveryFailed), Level = LogLevel.Error,
        Message = "the scheduled {type} {id} could not be handed to the transport when due; its process still holds it, and it shows as overdue")]
    private static partial void LogDeliveryFailed(ILogger logger, Exception exception, string type, Guid id);
}
