using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace ServerlessCqrs.Events;

/// <summary>
/// The embedded ledger: successful handlers per event id, remembered for
/// <see cref="EventDeliveryOptions.LedgerRetention"/> within this process.
/// </summary>
internal sealed class InMemoryEventHandlerLedger(TimeProvider timeProvider, IOptions<EventDeliveryOptions> options) : IEventHandlerLedger
{
    private const int TrimEvery = 1024;
    private readonly ConcurrentDictionary<(Guid EventId, string Handler), DateTimeOffset> _succeeded = new();
    private int _writes;

    public ValueTask<bool> HasSucceededAsync(Guid eventId, string handlerName, CancellationToken cancellationToken) =>
        ValueTask.FromResult(_succeeded.TryGetValue((eventId, handlerName), out var at) && !IsExpired(at));

    public ValueTask RecordSuccessAsync(Guid eventId, string handlerName, CancellationToken cancellationToken)
    {
        _succeeded[(eventId, handlerName)] = timeProvider.GetUtcNow();
        if (Interlocked.Increment(ref _writes) % TrimEvery == 0)
        {
            foreach (var entry in _succeeded.Where(e => IsExpired(e.Value)))
            {
                _succeeded.TryRemove(entry);
            }
        }

        return ValueTask.CompletedTask;
    }

    private bool IsExpired(DateTimeOffset succeededAt) => timeProvider.GetUtcNow() - succeededAt > options.Value.LedgerRetention;
}
