using Microsoft.Extensions.Logging;
using ServerlessCqrs.Diagnostics;
using ServerlessCqrs.Housekeeping;

namespace ServerlessCqrs.Processes;

/// <summary>
/// Counts overdue timeouts on each housekeeping round (which runs anyway, for the stores' retention) and sets the
/// <c>cqrs.process.timeouts.overdue</c> gauge an alert watches. It reads only the head of the due-ordered index;
/// no process code runs.
/// </summary>
internal sealed partial class OverdueTimeoutAudit(ProcessTimeouts timeouts, CqrsMetrics metrics, ILogger<OverdueTimeoutAudit> logger) : IHousekeepingTask
{
    public string Name => "overdue process timeouts";

    public async ValueTask<int> RunAsync(CancellationToken cancellationToken)
    {
        var overdue = await timeouts.CountOverdueAsync(cancellationToken).ConfigureAwait(false);
        metrics.RecordOverdueTimeouts(overdue);
        if (overdue > 0)
        {
            LogOverdue(logger, overdue);
        }

        return 0;
    }

    [LoggerMessage(EventId = CqrsLogEvents.Processes.ProcessTimeoutsOverdue, EventName = nameof(CqrsLogEvents.Processes.ProcessTimeoutsOverdue), Level = LogLevel.Warning,
        Message = "{count} process timeouts are overdue past the grace period; list them with cqrs-ops timeouts list --overdue")]
    private static partial void LogOverdue(ILogger logger, int count);
}
