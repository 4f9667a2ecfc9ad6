using Microsoft.Azure.Functions.Worker;
using ServerlessCqrs.Housekeeping;

namespace ServerlessCqrs.Functions.Timers;

/// <summary>
/// Removes records past their retention (handler ledger rows, idempotency records) every five minutes,
/// reading only what has expired: the serverless form of the housekeeping loop.
/// </summary>
public sealed class HousekeepingFunction(Housekeeper housekeeper)
{
    /// <summary>One round.</summary>
    [Function("Housekeeping")]
#pragma warning disable IDE0060 // The trigger parameter declares the binding.
    public async Task RunAsync([TimerTrigger("0 */5 * * * *")] TimerInfo timer, CancellationToken cancellationToken) =>
        await housekeeper.RunAsync(cancellationToken).ConfigureAwait(false);
#pragma warning restore IDE0060
}
