using Microsoft.Extensions.Logging;
using ServerlessCqrs.Diagnostics;

namespace ServerlessCqrs.Housekeeping;

/// <summary>
/// Runs every registered <see cref="IHousekeepingTask"/> once: from <see cref="HousekeepingService"/> in
/// a long-running host, from a timer trigger in the Functions app. One task failing does not stop the others.
/// </summary>
public sealed partial class Housekeeper(IEnumerable<IHousekeepingTask> tasks, ILogger<Housekeeper> logger)
{
    /// <summary>Runs each task; returns how many items they removed in all.</summary>
    public async ValueTask<int> RunAsync(CancellationToken cancellationToken)
    {
        var removed = 0;
        foreach (var task in tasks)
        {
            try
            {
                var count = await task.RunAsync(cancellationToken).ConfigureAwait(false);
                removed += count;
                if (count > 0)
                {
                    LogRemoved(logger, count, task.Name);
                }
            }
            catch (Exception exception) when (!cancellationToken.IsCancellationRequested)
            {
                LogFailed(logger, exception, task.Name);
            }
        }

        return removed;
    }

    [LoggerMessage(EventId = CqrsLogEvents.Housekeeping.HousekeepingRemoved, EventName = nameof(CqrsLogEvents.Housekeeping.HousekeepingRemoved), Level = LogLevel.Information, Message = "Housekeeping removed {count} {task}")]
    private static partial void LogRemoved(ILogger logger, int count, string task);

    [LoggerMessage(EventId = CqrsLogEvents.Housekeeping.HousekeepingFailed, EventName = nameof(CqrsLogEvents.Housekeeping.HousekeepingFailed), Level = LogLevel.Warning, Message = "Housekeeping of {task} failed; it runs again next time")]
    private static partial void LogFailed(ILogger logger, Exception exception, string task);
}
