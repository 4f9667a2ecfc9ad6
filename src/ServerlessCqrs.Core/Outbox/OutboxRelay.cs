using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ServerlessCqrs.Events;

namespace ServerlessCqrs.Outbox;

/// <summary>Sends outbox events through the configured transport.</summary>
internal sealed partial class OutboxRelay(
    IEventTransport transport,
    IOutboxStore outbox,
    TimeProvider timeProvider,
    IOptionsMonitor<OutboxOptions> options,
    ILogger<OutboxRelay> logger) : IOutboxRelay
{
    public async ValueTask RelayAsync(IReadOnlyList<EventEnvelope> envelopes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(envelopes);
        if (envelopes.Count == 0)
        {
            return;
        }

        try
        {
            await SendAsync(envelopes, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception)
        {
            LogRelayFailed(logger, exception, envelopes.Count, options.CurrentValue.PendingAge.TotalSeconds);
        }
    }

    public async ValueTask<int> SweepAsync(CancellationToken cancellationToken)
    {
        var settings = options.CurrentValue;
        var recordedBefore = timeProvider.GetUtcNow() - settings.PendingAge;
        var pending = await outbox.GetPendingAsync(recordedBefore, settings.BatchSize, cancellationToken).ConfigureAwait(false);
        if (pending.Count > 0)
        {
            await SendAsync(pending, cancellationToken).ConfigureAwait(false);
            LogSwept(logger, pending.Count);
        }

        return pending.Count;
    }

    private async ValueTask SendAsync(IReadOnlyList<EventEnvelope> envelopes, CancellationToken cancellationToken)
    {
        await transport.SendAsync(envelopes, cancellationToken).ConfigureAwait(false);
        await outbox.MarkDispatchedAsync(envelopes, cancellationToken).ConfigureAwait(false);
    }

    [LoggerMessage(EventId = 1300, EventName = "OutboxRelayFailed", Level = LogLevel.Warning,
        Message = "Relaying {count} events failed; the sweeper re-sends them once they are {pendingAgeSeconds} s old")]
    private static partial void LogRelayFailed(ILogger logger, Exception exception, int count, double pendingAgeSeconds);

    [LoggerMessage(EventId = 1301, EventName = "OutboxSwept", Level = LogLevel.Information,
        Message = "The outbox sweeper re-sent {count} events left behind")]
    private static partial void LogSwept(ILogger logger, int count);
}
