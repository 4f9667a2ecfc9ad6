using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace ServerlessCqrs.IntegrationTests;

/// <summary>The LocalHost's dead-letter operations API over the in-process transport: off by default, then list, show, replay, delete.</summary>
public sealed class DeadLetterApiTests
{
    private const string DeadLetters = "/api/ops/deadletters";

    [Fact]
    public async Task AdminApi_IsOffByDefault()
    {
        using var factory = new LocalHostFactory();
        using var client = factory.CreateClient();

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(DeadLetters)).StatusCode);
    }

    [Fact]
    public async Task DeadLetter_IsListedWithoutPayload_ShownInFull_ReplayedOnce_AndGone()
    {
        using var factory = LocalHostFactory.With(new Dictionary<string, string> { ["Cqrs:Http:EnableAdminApi"] = "true" });
        using var client = factory.CreateClient();
        var released = await DeadLetteredAsync(factory, client, seats: 4);

        using var list = JsonDocument.Parse(await client.GetStringAsync(DeadLetters));
        var listed = Assert.Single(list.RootElement.EnumerateArray());
        Assert.Equal(
            ["eventId", "eventName", "reason", "attempts", "firstFailedAt", "deadLetteredAt"],
            listed.EnumerateObject().Select(p => p.Name));
        Assert.Equal((released.EventId.ToString(), "SeatsReleased", "HandlerFailed", 1),
            (listed.GetProperty("eventId").GetString(), listed.GetProperty("eventName").GetString(), listed.GetProperty("reason").GetString(), listed.GetProperty("attempts").GetInt32()));

        using var shown = JsonDocument.Parse(await client.GetStringAsync($"{DeadLetters}/{released.EventId}"));
        Assert.Contains("\"seats\":4", shown.RootElement.GetProperty("payload").GetString(), StringComparison.Ordinal);
        Assert.Equal("System.InvalidOperationException", shown.RootElement.GetProperty("exceptionType").GetString());

        factory.Probe.Break(nameof(SeatsReleasedHandler), broken: false);
        Assert.Equal(HttpStatusCode.Accepted, (await client.PostAsync($"{DeadLetters}/{released.EventId}/replay", null)).StatusCode);
        await Eventually.HoldsAsync(() => factory.Probe.RunsOf("released:" + released.EventId) == 1, "the replayed event was handled");
        Assert.Equal("[]", await client.GetStringAsync(DeadLetters));
        Assert.Equal(HttpStatusCode.NotFound, (await client.PostAsync($"{DeadLetters}/{released.EventId}/replay", null)).StatusCode);
        Assert.Equal(1, factory.Probe.RunsOf("released:" + released.EventId));
    }

    [Fact]
    public async Task DeadLetter_IsDeletedForGood()
    {
        using var factory = LocalHostFactory.With(new Dictionary<string, string> { ["Cqrs:Http:EnableAdminApi"] = "true" });
        using var client = factory.CreateClient();
        var released = await DeadLetteredAsync(factory, client, seats: 2);

        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync($"{DeadLetters}/{released.EventId}")).StatusCode);

        Assert.Equal(HttpStatusCode.NotFound, (await client.DeleteAsync($"{DeadLetters}/{released.EventId}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"{DeadLetters}/{released.EventId}")).StatusCode);
        Assert.Equal("[]", await client.GetStringAsync(DeadLetters));
    }

    [Theory]
    [InlineData("GET", "/not-a-guid", "invalid_event_id")]
    [InlineData("POST", "/not-a-guid/replay", "invalid_event_id")]
    [InlineData("DELETE", "/not-a-guid", "invalid_event_id")]
    [InlineData("GET", "?max=0", "invalid_max")]
    [InlineData("GET", "?max=lots", "invalid_max")]
    public async Task BadInput_IsAProblem400(string method, string path, string code)
    {
        using var factory = LocalHostFactory.With(new Dictionary<string, string> { ["Cqrs:Http:EnableAdminApi"] = "true" });
        using var client = factory.CreateClient();

        var response = await client.SendAsync(new HttpRequestMessage(new HttpMethod(method), DeadLetters + path));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(code, (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
    }

    private static async Task<SeatsReleased> DeadLetteredAsync(LocalHostFactory factory, HttpClient client, int seats)
    {
        factory.Probe.Break(nameof(SeatsReleasedHandler));
        var released = new SeatsReleased { Seats = seats, OccurredAt = DateTimeOffset.UtcNow };
        using (var scope = factory.Services.CreateScope())
        {
            await scope.ServiceProvider.GetRequiredService<IEventPublisher>().PublishAsync([released]);
        }

        await Eventually.HoldsAsync(async () => (await client.GetStringAsync(DeadLetters)).Contains(released.EventId.ToString(), StringComparison.Ordinal),
            "the event was dead-lettered");
        return released;
    }
}
