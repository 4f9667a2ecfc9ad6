using Microsoft.Azure.Functions.Worker;
using ServerlessCqrs.Caching;

namespace ServerlessCqrs.Functions.Timers;

/// <summary>
/// Refreshes the configured query results (<c>Cqrs:Caching:KeepWarm</c>) that are due, every 30 seconds:
/// the serverless form of a keep-warm loop, since an instance may not live until the next tick. With
/// Redis configured the refreshed results serve every instance.
/// </summary>
public sealed class KeepWarmFunction(QueryCacheWarmer warmer)
{
    /// <summary>One tick; entries whose interval has not passed are skipped.</summary>
    [Function("KeepQueriesWarm")]
#pragma warning disable IDE0060 // The trigger parameter declares the binding; the warmer keeps its own schedule.
    public Task RunAsync([TimerTrigger("*/30 * * * * *")] TimerInfo timer, CancellationToken cancellationToken) =>
        warmer.RefreshDueAsync(cancellationToken);
#pragma warning restore IDE0060
}
