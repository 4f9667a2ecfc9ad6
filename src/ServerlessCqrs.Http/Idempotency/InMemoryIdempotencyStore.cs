using Microsoft.Extensions.Options;
using ServerlessCqrs.Http.Responses;

namespace ServerlessCqrs.Http.Idempotency;

/// <summary>The embedded idempotency store: per process, entries expire after the configured retention.</summary>
internal sealed class InMemoryIdempotencyStore(TimeProvider timeProvider, IOptions<CqrsHttpOptions> options) : IIdempotencyStore
{
    private const int TrimEvery = 1024;
    private readonly Dictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();
    private int _claims;

    public ValueTask<IdempotencyClaim> TryClaimAsync(string key, string fingerprint, CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow();
        lock (_gate)
        {
            if (++_claims % TrimEvery == 0)
            {
                foreach (var expired in _entries.Where(e => e.Value.ExpiresAt <= now).Select(e => e.Key).ToList())
                {
                    _entries.Remove(expired);
                }
            }

            if (_entries.TryGetValue(key, out var entry) && entry.ExpiresAt > now)
            {
                return ValueTask.FromResult(entry switch
                {
                    _ when entry.Fingerprint != fingerprint => new IdempotencyClaim(IdempotencyClaimStatus.Mismatch),
                    { Outcome: { } outcome } => new IdempotencyClaim(IdempotencyClaimStatus.Completed, outcome),
                    _ => new IdempotencyClaim(IdempotencyClaimStatus.InProgress),
                });
            }

            _entries[key] = new Entry(fingerprint, null, now + options.Value.IdempotencyClaimTimeout);
            return ValueTask.FromResult(new IdempotencyClaim(IdempotencyClaimStatus.Acquired));
        }
    }

    public ValueTask CompleteAsync(string key, HttpOutcome outcome, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (_entries.TryGetValue(key, out var entry))
            {
                _entries[key] = entry with { Outcome = outcome, ExpiresAt = timeProvider.GetUtcNow() + options.Value.IdempotencyRetention };
            }
        }

        return ValueTask.CompletedTask;
    }

    public ValueTask ReleaseAsync(string key, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            _entries.Remove(key);
        }

        return ValueTask.CompletedTask;
    }

    private sealed record Entry(string Fingerprint, HttpOutcome? Outcome, DateTimeOffset ExpiresAt);
}
