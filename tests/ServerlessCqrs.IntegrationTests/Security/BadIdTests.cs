using System.Net;
using ServerlessCqrs.Testing.Security;

namespace ServerlessCqrs.IntegrationTests.Security;

/// <summary>
/// Ids are user input: on Table Storage (Azurite), an id no store key can hold is a 400 from the edge, at once —
/// not the store's retries followed by a 500 (once about 24 s). The client gives up long before that.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class BadIdTests(AzuriteFixture azurite)
{
    public static TheoryData<string> Ids() => ["a/b", "a\\b", "a#b", "a?b", "a|b", "a\nb", "a\u0001b", "../../etc/passwd", new string('x', 1100)];

    [Theory]
    [MemberData(nameof(Ids))]
    public async Task AnIdNoStoreCanHold_IsA400_ForQueriesAndCommands(string orderId)
    {
        var settings = azurite.Settings(store: "TableStorage", transport: "InProcess").Concat(TestTokens.Settings)
            .Where(s => s.Value is not null).ToDictionary(s => s.Key, s => s.Value!);
        await using var host = LocalHostFactory.With(settings);
        using var client = host.CreateClient();
        client.Timeout = TimeSpan.FromSeconds(10);
        client.DefaultRequestHeaders.Authorization = new("Bearer", TestTokens.For("dana", SecurityMatrix.Tenant, TestTokens.AdminRole));

        var get = await client.GetAsync($"/api/queries/GetOrder?orderId={Uri.EscapeDataString(orderId)}");
        var confirm = await client.PostJsonAsync("/api/commands/ConfirmOrder",
            System.Text.Json.JsonSerializer.Serialize(new { orderId }));

        (await get.AssertProblemAsync(HttpStatusCode.BadRequest, "validation_failed")).GetProperty("errors").GetProperty("orderId");
        (await confirm.AssertProblemAsync(HttpStatusCode.BadRequest, "validation_failed")).GetProperty("errors").GetProperty("orderId");
    }
}
