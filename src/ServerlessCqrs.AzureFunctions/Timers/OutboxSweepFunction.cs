using Microsoft.Azure.Functions.Worker;
using ServerlessCqrs.Outbox;

namespace ServerlessCqrs.Functions.Timers;

/// <summary>
/// Re-sends events a crash or a failed send left in the outbox once they are
/// <c>Cqrs:Outbox:PendingAge</c> old, every 10 seconds: the serverless form of the sweeper.
/// </summary>
public sealed class OutboxSweepFunction(IOutboxRelay relay)
{
    /// <summary>One sweep of up to <c>Cqrs:Outbox:BatchSize</c> events.</summary>
    [Function("SweepOutbox")]
#pragma warning disable IDE0060 // The trigger parameter declares the binding.
    public async Task RunAsync([TimerTrigger("*/10 * * * * *")] TimerInfo timer, CancellationToken cancellationToken) =>
        await relay.SweepAsync(cancellationToken).ConfigureAwait(false);
#pragma warning restore IDE0060
}
