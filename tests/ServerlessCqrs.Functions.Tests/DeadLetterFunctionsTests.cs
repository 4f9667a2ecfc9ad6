using System.Text.Json;
using ServerlessCqrs.Functions.Http;

namespace ServerlessCqrs.Functions.Tests;

/// <summary>The dead-letter functions answer on the app's composition (what the API does with dead letters is proven in the LocalHost's tests).</summary>
public sealed class DeadLetterFunctionsTests(FunctionsAppFixture app) : IClassFixture<FunctionsAppFixture>
{
    private static readonly string Unknown = Guid.NewGuid().ToString();

    [Fact]
    public async Task List_AnswersWithTheDeadLetters()
    {
        var (status, body) = await app.InvokeAsync<DeadLetterFunctions>((f, r) => f.ListAsync(r), "GET", query: "?max=10");

        Assert.Equal(200, status);
        Assert.Equal(JsonValueKind.Array, JsonDocument.Parse(body).RootElement.ValueKind);
    }

    [Fact]
    public async Task Show_Replay_AndPurge_OfAnUnknownEvent_AreNotFound()
    {
        var show = await app.InvokeAsync<DeadLetterFunctions>((f, r) => f.ShowAsync(r, Unknown), "GET");
        var replay = await app.InvokeAsync<DeadLetterFunctions>((f, r) => f.ReplayAsync(r, Unknown), "POST");
        var purge = await app.InvokeAsync<DeadLetterFunctions>((f, r) => f.PurgeAsync(r, Unknown), "DELETE");

        Assert.All([show, replay, purge], answer =>
        {
            Assert.Equal(404, answer.Status);
            Assert.Equal("dead_letter_not_found", JsonDocument.Parse(answer.Body).RootElement.GetProperty("code").GetString());
        });
    }

    [Fact]
    public async Task AnIdThatIsNotAnEventId_IsAProblem400()
    {
        var (status, body) = await app.InvokeAsync<DeadLetterFunctions>((f, r) => f.ShowAsync(r, "not-a-guid"), "GET");

        Assert.Equal(400, status);
        Assert.Equal("invalid_event_id", JsonDocument.Parse(body).RootElement.GetProperty("code").GetString());
    }
}
