using Microsoft.Extensions.Options;

namespace ServerlessCqrs.Events;

/// <summary>
/// The embedded ledger: claims and successes in this process, remembered for
/// <see cref="EventDeliveryOptions.LedgerRetention"/>. Rows are forgotten in the order they were
/// written (a row's expiry is set when it is written, so that is expiry order): each claim looks only
/// at the oldest rows, never across the whole ledger.
/// </summary>
internal sealed class InMemoryEventHandlerLedger(TimeProvider timeProvider, IOptions<EventDeliveryOptions> options) : IEventHandlerLedger
{
    private readonly Dictionary<(Guid EventId, string Handler), Entry> _entries = [];
    private readonly Queue<((Guid EventId, string Handler) Key, DateTimeOffset ExpiresAt)> _expiries = new();
    private readonly Lock _gate = new();

    public ValueTask<HandlerClaim> TryClaimAsync(Guid eventId, string handlerName, CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow();
        var settings = options.Value;
        lock (_gate)
        {
            ForgetExpired(now);

            if (_entries.TryGetValue((eventId, handlerName), out var entry) && entry.ExpiresAt > now)
            {
                if (entry.Succeeded)
                {
                    return ValueTask.FromResult(new HandlerClaim(HandlerClaimStatus.Succeeded, eventId, handlerName));
                }

                if (entry.LeaseUntil > now)
                {
                    return ValueTask.FromResult(new HandlerClaim(HandlerClaimStatus.Busy, eventId, handlerName, HeldFor: entry.LeaseUntil - now));
                }
            }

            var token = Guid.NewGuid().ToString("N");
            Write((eventId, handlerName), new Entry(token, Succeeded: false, now + settings.HandlerLease, now + settings.LedgerRetention));
            return ValueTask.FromResult(new HandlerClaim(HandlerClaimStatus.Acquired, eventId, handlerName, token));
        }
    }

    public ValueTask RecordSuccessAsync(HandlerClaim claim, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            var key = (claim.EventId, claim.HandlerName);
            if (_entries.TryGetValue(key, out var entry))
            {
                _entries[key] = entry with { Succeeded = true };
            }
            else
            {
                Write(key, new Entry(claim.Token ?? "", Succeeded: true, default, timeProvider.GetUtcNow() + options.Value.LedgerRetention));
            }
        }

        return ValueTask.CompletedTask;
    }

    public ValueTask ReleaseAsync(HandlerClaim claim, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            var key = (claim.EventId, claim.HandlerName);
            if (_entries.TryGetValue(key, out var entry) && entry.Token == claim.Token && !entry.Succeeded)
            {
                _entries.Remove(key);
            }
        }

        return ValueTask.CompletedTask;
    }

    private void Write((Guid EventId, string Handler) key, Entry entry)
    {
        _entries[key] = entry;
        _expiries.Enqueue((key, entry.ExpiresAt));
    }

    // A row written again has a later item in the queue; only the item matching its current expiry removes it.
    private void ForgetExpired(DateTimeOffset now)
    {
        while (_expiries.TryPeek(out var oldest) && oldest.ExpiresAt <= now)
        {
            _expiries.Dequeue();
            if (_entries.TryGetValue(oldest.Key, out var entry) && entry.ExpiresAt == oldest.ExpiresAt)
            {
                _entries.Remove(oldest.Key);
            }
        }
    }

    private sealed record Entry(string Token, bool Succeeded, DateTimeOffset LeaseUntil, DateTimeOffset ExpiresAt);
}
