using Microsoft.Extensions.Logging.Testing;
using ServerlessCqrs.Diagnostics;
using ServerlessCqrs.Testing.Security;

namespace ServerlessCqrs.IntegrationTests.Telemetry;

/// <summary>The plan's log fields on the records of real requests, with the caller's tenant and user as scope.</summary>
public sealed class RequestLogTests
{
    private static Dictionary<string, object?> ScopeFields(FakeLogRecord record) =>
        record.Scopes.OfType<IEnumerable<KeyValuePair<string, object?>>>().SelectMany(s => s).ToDictionary(p => p.Key, p => p.Value);

    [Fact]
    public async Task CommandAndQueryRecords_CarryThePlansFields_AndTheCallersTenantAndUser()
    {
        await using var factory = LocalHostFactory.With(TestTokens.Settings.ToDictionary(s => s.Key, s => s.Value!));
        using var client = factory.CreateClient();
        var collector = factory.Services.GetRequiredService<FakeLogCollector>();
        // The caller's ids come from its token, never from headers it sets.
        client.DefaultRequestHeaders.Authorization = new("Bearer", TestTokens.For("user-42", "tenant-7"));
        var customer = "user-42";

        var orderId = await client.CreateOrderAsync(customer);
        // The first read misses; the projection may invalidate it once more, so read until one is a hit.
        await Eventually.HoldsAsync(async () =>
            (await client.GetAsync($"/api/queries/GetOrder?orderId={orderId}")).Headers.GetValues("X-Cache").Single() == "hit", "a read is served from the cache");

        var records = collector.GetSnapshot();
        var command = records.Last(r => r.Category == CqrsDiagnostics.LogCategories.Commands && r.StructuredState!.Any(p => p.Value == "CreateOrder"));
        var state = command.StructuredState!.ToDictionary(p => p.Key, p => p.Value);
        Assert.Equal(("command", "CreateOrder", "success", "0"), (state["bus"], state["type"], state["status"], state["retryCount"]));
        Assert.Contains("CreateOrderHandler", state["handler"], StringComparison.Ordinal);
        Assert.True(double.Parse(state["durationMs"]!, System.Globalization.CultureInfo.InvariantCulture) >= 0);
        Assert.Equal(("tenant-7", "user-42"), (ScopeFields(command)["tenantId"], ScopeFields(command)["userId"]));

        var queries = records.Where(r => r.Category == CqrsDiagnostics.LogCategories.Queries
            && r.StructuredState!.Any(p => p.Value == "GetOrder") && ScopeFields(r).GetValueOrDefault("userId") as string == "user-42").ToArray();
        var cacheHits = queries.Select(r => r.StructuredState!.Single(p => p.Key == "cacheHit").Value).ToArray();
        Assert.Equal(("False", "True"), (cacheHits[0], cacheHits[^1]));
        Assert.DoesNotContain(records, r => r.Message.Contains(orderId, StringComparison.Ordinal));
    }
}
