using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.Options;
using ServerlessCqrs.Events;
using ServerlessCqrs.Housekeeping;

namespace ServerlessCqrs.Azure.Tables;

/// <summary>
/// The handler ledger in Table Storage, one row per (event, handler) in a partition per event. A claim
/// is an insert, so of two instances claiming at once exactly one succeeds; a claim past its lease is
/// taken over with a conditional replace (its ETag), so again only one wins. Rows expire
/// <see cref="EventDeliveryOptions.LedgerRetention"/> after their claim and are removed by housekeeping.
/// </summary>
internal sealed class TableEventHandlerLedger(CqrsTables tables, IOptions<TableStorageOptions> tableOptions, IOptions<EventDeliveryOptions> options, TimeProvider timeProvider)
    : IEventHandlerLedger, IHousekeepingTask
{
    private const string Status = "Status";
    private const string LeaseUntil = "LeaseUntil";
    private const string Claimed = "Claimed";
    private const string Succeeded = "Succeeded";

    public string Name => "handler ledger rows";

    public async ValueTask<HandlerClaim> TryClaimAsync(Guid eventId, string handlerName, CancellationToken cancellationToken)
    {
        var table = await LedgerAsync(cancellationToken).ConfigureAwait(false);
        var now = timeProvider.GetUtcNow();
        var settings = options.Value;
        var claim = new TableEntity(PartitionOf(eventId), RowKeyOf(handlerName))
        {
            [Status] = Claimed,
            [LeaseUntil] = now + settings.HandlerLease,
            [ExpiringRows.ExpiresAt] = now + settings.LedgerRetention,
        };
        await ExpiringRows.ListAsync(table, claim.PartitionKey, claim.RowKey, now + settings.LedgerRetention, cancellationToken).ConfigureAwait(false);
        try
        {
            var added = await table.AddEntityAsync(claim, cancellationToken).ConfigureAwait(false);
            return Acquired(eventId, handlerName, added.Headers.ETag);
        }
        catch (RequestFailedException taken) when (taken.Status == 409)
        {
            return await TakeOverIfLapsedAsync(table, claim, eventId, handlerName, now, cancellationToken).ConfigureAwait(false);
        }
    }

    public async ValueTask RecordSuccessAsync(HandlerClaim claim, CancellationToken cancellationToken)
    {
        var table = await LedgerAsync(cancellationToken).ConfigureAwait(false);
        var row = new TableEntity(PartitionOf(claim.EventId), RowKeyOf(claim.HandlerName)) { [Status] = Succeeded };
        // A merge keeps the claim's expiry (already listed); unconditional, since the handler did succeed
        // even if a slow run let its lease lapse and another delivery took the claim over meanwhile.
        await table.UpsertEntityAsync(row, TableUpdateMode.Merge, cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask ReleaseAsync(HandlerClaim claim, CancellationToken cancellationToken)
    {
        var table = await LedgerAsync(cancellationToken).ConfigureAwait(false);
        await ExpiringRows.DeleteAsync(table, PartitionOf(claim.EventId), RowKeyOf(claim.HandlerName), new ETag(claim.Token!), cancellationToken)
            .ConfigureAwait(false);
    }

    public async ValueTask<int> RunAsync(CancellationToken cancellationToken) =>
        await ExpiringRows.RemoveExpiredAsync(await LedgerAsync(cancellationToken).ConfigureAwait(false), timeProvider.GetUtcNow(), 1000, cancellationToken)
            .ConfigureAwait(false);

    /// <summary>The row exists: it succeeded, or another delivery holds it, or its claim (or the row itself) has lapsed.</summary>
    private static async ValueTask<HandlerClaim> TakeOverIfLapsedAsync(
        TableClient table, TableEntity claim, Guid eventId, string handlerName, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var existing = await table.GetEntityIfExistsAsync<TableEntity>(claim.PartitionKey, claim.RowKey, cancellationToken: cancellationToken).ConfigureAwait(false);
        if (!existing.HasValue)
        {
            return new HandlerClaim(HandlerClaimStatus.Busy, eventId, handlerName); // released a moment ago; the next delivery takes it
        }

        var row = existing.Value!;
        var expired = ExpiringRows.IsExpired(row, now);
        if (!expired && row.GetString(Status) == Succeeded)
        {
            return new HandlerClaim(HandlerClaimStatus.Succeeded, eventId, handlerName);
        }

        if (!expired && row.GetDateTimeOffset(LeaseUntil) is { } leaseUntil && leaseUntil > now)
        {
            return new HandlerClaim(HandlerClaimStatus.Busy, eventId, handlerName, HeldFor: leaseUntil - now);
        }

        try
        {
            var replaced = await table.UpdateEntityAsync(claim, row.ETag, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
            return Acquired(eventId, handlerName, replaced.Headers.ETag);
        }
        catch (RequestFailedException moved) when (moved.Status == 412)
        {
            return new HandlerClaim(HandlerClaimStatus.Busy, eventId, handlerName);
        }
    }

    private static HandlerClaim Acquired(Guid eventId, string handlerName, ETag? etag) =>
        new(HandlerClaimStatus.Acquired, eventId, handlerName, etag?.ToString());

    private static string PartitionOf(Guid eventId) => eventId.ToString("N");

    /// <summary>Handler names are type names; escaping keeps the characters keys forbid (<c>/ \ # ?</c>) out.</summary>
    private static string RowKeyOf(string handlerName) => Uri.EscapeDataString(handlerName);

    private ValueTask<TableClient> LedgerAsync(CancellationToken cancellationToken) => tables.GetAsync(tableOptions.Value.LedgerTable, cancellationToken);
}
