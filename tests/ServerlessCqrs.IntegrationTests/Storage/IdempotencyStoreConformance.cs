using ServerlessCqrs.Housekeeping;
using ServerlessCqrs.Idempotency;

namespace ServerlessCqrs.IntegrationTests.Storage;

/// <summary>
/// What every idempotency store must do, in memory and in Table Storage on Azurite: one request per key
/// at a time, the first outcome for every repeat, a lapsed claim taken over, outcomes gone after their retention.
/// </summary>
public abstract class IdempotencyStoreConformance(AzuriteFixture azurite, string store) : StoreConformance(azurite, store)
{
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan Retention = TimeSpan.FromMinutes(10);

    protected IIdempotencyStore Store => Services.GetRequiredService<IIdempotencyStore>();

    protected Housekeeper Housekeeper => Services.GetRequiredService<Housekeeper>();

    protected static string NewKey() => Convert.ToHexString(Guid.NewGuid().ToByteArray());

    protected async Task<IdempotencyClaimStatus> ClaimAsync(string key, string fingerprint = "body-1") =>
        (await Store.TryClaimAsync(key, fingerprint, Lease, default)).Status;

    protected async Task CompleteAsync(string key, byte[] outcome) =>
        await Store.CompleteAsync(await Store.TryClaimAsync(key, "body-1", Lease, default), outcome, Retention, default);

    [Fact]
    public async Task TheFirstRequest_RunsAlone_AndEveryRepeatGetsItsOutcome()
    {
        var key = NewKey();
        // Larger than one table property holds, so the store must split it.
        var outcome = Enumerable.Range(0, 150_000).Select(i => (byte)i).ToArray();

        var first = await Store.TryClaimAsync(key, "body-1", Lease, default);
        var whileRunning = await ClaimAsync(key);
        await Store.CompleteAsync(first, outcome, Retention, default);
        var repeat = await Store.TryClaimAsync(key, "body-1", Lease, default);

        Assert.Equal((IdempotencyClaimStatus.Acquired, IdempotencyClaimStatus.InProgress), (first.Status, whileRunning));
        Assert.Equal(IdempotencyClaimStatus.Completed, repeat.Status);
        Assert.Equal(outcome, repeat.Outcome.ToArray());
    }

    [Fact]
    public async Task TheSameKey_ForAnotherRequest_IsAMismatch()
    {
        var key = NewKey();
        await CompleteAsync(key, [1, 2, 3]);

        Assert.Equal(IdempotencyClaimStatus.Mismatch, await ClaimAsync(key, "body-2"));
    }

    [Fact]
    public async Task RequestsAtTheSameMoment_OneRuns()
    {
        var key = NewKey();

        var claims = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => Task.Run(() => ClaimAsync(key))));

        Assert.Equal(1, claims.Count(c => c == IdempotencyClaimStatus.Acquired));
        Assert.Equal(19, claims.Count(c => c == IdempotencyClaimStatus.InProgress));
    }

    [Fact]
    public async Task AReleasedKey_IsFreeAtOnce()
    {
        var key = NewKey();

        await Store.ReleaseAsync(await Store.TryClaimAsync(key, "body-1", Lease, default), default);

        Assert.Equal(IdempotencyClaimStatus.Acquired, await ClaimAsync(key));
    }

    [Fact]
    public async Task AClaimWhoseRequestDied_IsTakenOverAfterItsLease_AndItsOwnerCannotReleaseTheNewOne()
    {
        var key = NewKey();
        var dead = await Store.TryClaimAsync(key, "body-1", Lease, default);

        Clock.Advance(TimeSpan.FromSeconds(59));
        var tooEarly = await ClaimAsync(key);
        Clock.Advance(TimeSpan.FromSeconds(2));
        var takenOver = await ClaimAsync(key);
        await Store.ReleaseAsync(dead, default);

        Assert.Equal((IdempotencyClaimStatus.InProgress, IdempotencyClaimStatus.Acquired), (tooEarly, takenOver));
        Assert.Equal(IdempotencyClaimStatus.InProgress, await ClaimAsync(key));
    }

    [Fact]
    public async Task AnOutcome_IsForgottenAfterItsRetention()
    {
        var key = NewKey();
        await CompleteAsync(key, [7]);

        Clock.Advance(TimeSpan.FromMinutes(9));
        var kept = await ClaimAsync(key, "body-2");
        Clock.Advance(TimeSpan.FromMinutes(2));

        Assert.Equal((IdempotencyClaimStatus.Mismatch, IdempotencyClaimStatus.Acquired), (kept, await ClaimAsync(key, "body-2")));
    }
}

[Collection(AzuriteCollection.Name)]
public sealed class InMemoryIdempotencyStoreConformance(AzuriteFixture azurite) : IdempotencyStoreConformance(azurite, "InMemory");

[Collection(AzuriteCollection.Name)]
public sealed class TableIdempotencyStoreConformance(AzuriteFixture azurite) : IdempotencyStoreConformance(azurite, "TableStorage")
{
    [Fact]
    public async Task Housekeeping_RemovesExpiredRecords_AndKeepsTheOthers()
    {
        var old = Enumerable.Range(0, 3).Select(_ => NewKey()).ToList();
        foreach (var key in old)
        {
            await CompleteAsync(key, [1]);
        }

        Clock.Advance(TimeSpan.FromHours(2));
        var recent = NewKey();
        await CompleteAsync(recent, [2]);

        Assert.Equal(3, await Housekeeper.RunAsync(default));
        Assert.Equal(IdempotencyClaimStatus.Completed, await ClaimAsync(recent));
    }
}
