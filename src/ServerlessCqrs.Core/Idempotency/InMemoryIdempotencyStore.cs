namespace ServerlessCqrs.Idempotency;

/// <summary>The embedded idempotency store: claims and outcomes in this process.</summary>
internal sealed class InMemoryIdempotencyStore(TimeProvider timeProvider) : IIdempotencyStore
{
    private const int TrimEvery = 1024;
    private readonly Dictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();
    private int _claims;

    public ValueTask<IdempotencyClaim> TryClaimAsync(string key, string fingerprint, TimeSpan lease, CancellationToken cancellationToken)
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
                    _ when entry.Fingerprint != fingerprint => new IdempotencyClaim(IdempotencyClaimStatus.Mismatch, key),
                    { Outcome: { } outcome } => new IdempotencyClaim(IdempotencyClaimStatus.Completed, key, Outcome: outcome),
                    _ => new IdempotencyClaim(IdempotencyClaimStatus.InProgress, key),
                });
            }

            var token = Guid.NewGuid().ToString("N");
            _entries[key] = new Entry(fingerprint, token, null, now + lease);
            return ValueTask.FromResult(new IdempotencyClaim(IdempotencyClaimStatus.Acquired, key, token));
        }
    }

    public ValueTask CompleteAsync(IdempotencyClaim claim, ReadOnlyMemory<byte> outcome, TimeSpan retention, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (_entries.TryGetValue(claim.Key, out var entry))
            {
                _entries[claim.Key] = entry with { Outcome = outcome.ToArray(), ExpiresAt = timeProvider.GetUtcNow() + retention };
            }
        }

        return ValueTask.CompletedTask;
    }

    public ValueTask ReleaseAsync(IdempotencyClaim claim, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (_entries.TryGetValue(claim.Key, out var entry) && entry.Token == claim.Token && entry.Outcome is null)
            {
                _entries.Remove(claim.Key);
            }
        }

        return ValueTask.CompletedTask;
    }

    /// <summary>A claim expires with its lease until it completes; an outcome expires after its retention.</summary>
    private sealed record Entry(string Fingerprint, string Token, byte[]? Outcome, DateTimeOffset ExpiresAt);
}
