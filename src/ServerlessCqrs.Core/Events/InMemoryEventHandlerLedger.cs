using Microsoft.Extensions.Options;

namespace ServerlessCqrs.Events;

/// <summary>The embedded ledger: claims and successes in this process, remembered for <see cref="EventDeliveryOptions.LedgerRetention"/>.</summary>
internal sealed class InMemoryEventHandlerLedger(TimeProvider timeProvider, IOptions<EventDeliveryOptions> options) : IEventHandlerLedger
{
    private const int TrimEvery = 1024;
    private readonly Dictionary<(Guid EventId, string Handler), Entry> _entries = [];
    private readonly Lock _gate = new();
    private int _claims;

    public ValueTask<HandlerClaim> TryClaimAsync(Guid eventId, string handlerName, CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow();
        var settings = options.Value;
        lock (_gate)
        {
            if (++_claims % TrimEvery == 0)
            {
                foreach (var expired in _entries.Where(e => e.Value.ExpiresAt <= now).Select(e => e.Key).ToList())
                {
                    _entries.Remove(expired);
                }
            }

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
            _entries[(eventId, handlerName)] = new Entry(token, Succeeded: false, now + settings.HandlerLease, now + settings.LedgerRetention);
            return ValueTask.FromResult(new HandlerClaim(HandlerClaimStatus.Acquired, eventId, handlerName, token));
        }
    }

    public ValueTask RecordSuccessAsync(HandlerClaim claim, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            var key = (claim.EventId, claim.HandlerName);
            _entries[key] = _entries.TryGetValue(key, out var entry)
                ? entry with { Succeeded = true }
                : new Entry(claim.Token ?? "", Succeeded: true, default, timeProvider.GetUtcNow() + options.Value.LedgerRetention);
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

    private sealed record Entry(string Token, bool Succeeded, DateTimeOffset LeaseUntil, DateTimeOffset ExpiresAt);
}
