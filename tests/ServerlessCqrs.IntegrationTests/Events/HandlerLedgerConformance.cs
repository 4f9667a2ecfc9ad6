using ServerlessCqrs.Events;
using ServerlessCqrs.Housekeeping;
using ServerlessCqrs.IntegrationTests.Storage;

namespace ServerlessCqrs.IntegrationTests.Events;

/// <summary>
/// What every handler ledger must do, in memory and in Table Storage on Azurite: one claim at a time
/// per (event, handler), success remembered, a released claim free at once, a lapsed one taken over,
/// and records gone after their retention.
/// </summary>
public abstract class HandlerLedgerConformance(AzuriteFixture azurite, string store) : StoreConformance(azurite, store, new Dictionary<string, string?>
{
    ["Cqrs:Events:HandlerLease"] = "00:01:00",
    ["Cqrs:Events:LedgerRetention"] = "00:10:00",
})
{
    protected IEventHandlerLedger Ledger => Services.GetRequiredService<IEventHandlerLedger>();

    protected Housekeeper Housekeeper => Services.GetRequiredService<Housekeeper>();

    protected async Task<HandlerClaimStatus> ClaimAsync(Guid eventId, string handler = "Printer") =>
        (await Ledger.TryClaimAsync(eventId, handler, default)).Status;

    [Fact]
    public async Task AClaim_IsExclusive_UntilItsHandlerSucceeds_ThenSkipped()
    {
        var eventId = Guid.NewGuid();

        var first = await Ledger.TryClaimAsync(eventId, "Printer", default);
        var whileRunning = await ClaimAsync(eventId);
        var otherHandler = await ClaimAsync(eventId, "Notifier");
        await Ledger.RecordSuccessAsync(first, default);

        Assert.Equal(
            (HandlerClaimStatus.Acquired, HandlerClaimStatus.Busy, HandlerClaimStatus.Acquired, HandlerClaimStatus.Succeeded),
            (first.Status, whileRunning, otherHandler, await ClaimAsync(eventId)));
    }

    [Fact]
    public async Task AReleasedClaim_IsFreeAtOnce()
    {
        var eventId = Guid.NewGuid();

        await Ledger.ReleaseAsync(await Ledger.TryClaimAsync(eventId, "Printer", default), default);

        Assert.Equal(HandlerClaimStatus.Acquired, await ClaimAsync(eventId));
    }

    [Fact]
    public async Task ALapsedClaim_IsTakenOver_AndItsOldOwnerCannotReleaseTheNewOne()
    {
        var eventId = Guid.NewGuid();
        var dead = await Ledger.TryClaimAsync(eventId, "Printer", default);

        Clock.Advance(TimeSpan.FromSeconds(59));
        var tooEarly = await ClaimAsync(eventId);
        Clock.Advance(TimeSpan.FromSeconds(2));
        var takenOver = await Ledger.TryClaimAsync(eventId, "Printer", default);
        await Ledger.ReleaseAsync(dead, default);

        Assert.Equal((HandlerClaimStatus.Busy, HandlerClaimStatus.Acquired), (tooEarly, takenOver.Status));
        Assert.Equal(HandlerClaimStatus.Busy, await ClaimAsync(eventId));
    }

    [Fact]
    public async Task ClaimsAtTheSameMoment_AreWonByOne()
    {
        var eventId = Guid.NewGuid();

        var claims = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => Task.Run(() => ClaimAsync(eventId))));

        Assert.Equal(1, claims.Count(c => c == HandlerClaimStatus.Acquired));
        Assert.Equal(19, claims.Count(c => c == HandlerClaimStatus.Busy));
    }

    [Fact]
    public async Task ASuccess_IsForgottenAfterTheRetention()
    {
        var eventId = Guid.NewGuid();
        await Ledger.RecordSuccessAsync(await Ledger.TryClaimAsync(eventId, "Printer", default), default);

        Clock.Advance(TimeSpan.FromMinutes(9));
        var remembered = await ClaimAsync(eventId);
        Clock.Advance(TimeSpan.FromMinutes(2));

        Assert.Equal((HandlerClaimStatus.Succeeded, HandlerClaimStatus.Acquired), (remembered, await ClaimAsync(eventId)));
    }

    [Fact]
    public async Task ATakenOverRow_IsKeptForTheRetentionOfItsNewClaim()
    {
        var eventId = Guid.NewGuid();
        await Ledger.TryClaimAsync(eventId, "Printer", default);
        Clock.Advance(TimeSpan.FromMinutes(2));
        await Ledger.RecordSuccessAsync(await Ledger.TryClaimAsync(eventId, "Printer", default), default);

        Clock.Advance(TimeSpan.FromMinutes(9)); // past the first claim's retention, within the second's

        Assert.Equal(HandlerClaimStatus.Succeeded, await ClaimAsync(eventId));
    }
}

[Collection(AzuriteCollection.Name)]
public sealed class InMemoryHandlerLedgerConformance(AzuriteFixture azurite) : HandlerLedgerConformance(azurite, "InMemory");

[Collection(AzuriteCollection.Name)]
public sealed class TableHandlerLedgerConformance(AzuriteFixture azurite) : HandlerLedgerConformance(azurite, "TableStorage")
{
    [Fact]
    public async Task Housekeeping_RemovesExpiredRows_ReadingOnlyWhatHasExpired()
    {
        var old = Enumerable.Range(0, 3).Select(_ => Guid.NewGuid()).ToList();
        foreach (var eventId in old)
        {
            await Ledger.RecordSuccessAsync(await Ledger.TryClaimAsync(eventId, "Printer", default), default);
        }

        Clock.Advance(TimeSpan.FromHours(2));
        var recent = Guid.NewGuid();
        await Ledger.RecordSuccessAsync(await Ledger.TryClaimAsync(recent, "Printer", default), default);

        var removed = await Housekeeper.RunAsync(default);

        Assert.Equal(3, removed);
        Assert.Equal(HandlerClaimStatus.Succeeded, await ClaimAsync(recent));
        Assert.Equal(0, await Housekeeper.RunAsync(default));
    }
}
