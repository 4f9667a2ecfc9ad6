using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using ServerlessCqrs.Events;

namespace ServerlessCqrs.Ops.Tests.DeadLetters;

/// <summary>
/// <c>deadletters</c> against a real Storage Queue on Azurite, beside a running app instance that
/// consumes the same queue: what the app dead-letters, the CLI lists, shows, replays (handled once) and purges.
/// </summary>
public sealed class DeadLetterCommandTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>, IAsyncLifetime
{
    private readonly Dictionary<string, string?> _settings = Settings(azurite.Server.ConnectionString);
    private readonly ReturnsProbe _probe = new() { Closed = true };
    private IHost? _app;

    public async Task InitializeAsync() => _app = await CqrsTestHost.StartAsync((services, cqrs) =>
    {
        services.AddSingleton(_probe);
        cqrs.AddHandler<ReturnsDesk>().AddAzureAdapters(new ConfigurationBuilder().AddInMemoryCollection(_settings).Build());
    }, _settings);

    public async Task DisposeAsync()
    {
        await _app!.StopAsync();
        _app.Dispose();
    }

    [Fact]
    public async Task List_ShowsWhatAndWhy_NeverThePayload()
    {
        var parcel = await DeadLetteredAsync("label-with-secret-contents");

        var run = await OpsRun.RunAsync(_settings, "deadletters", "list");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains($"1 dead letter in the Storage Queue {_settings["Cqrs:Events:StorageQueue:QueueName"]}-poison", run.Output, StringComparison.Ordinal);
        var row = Assert.Single(run.Output.Split('\n'), line => line.Contains(parcel.EventId.ToString(), StringComparison.Ordinal));
        Assert.Equal([parcel.EventId.ToString(), "ParcelReturned", "HandlerFailed", "1"], Cells(row)[..4]);
        Assert.Matches(@"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$", Cells(row)[4]);
        Assert.DoesNotContain("label-with-secret-contents", run.All, StringComparison.Ordinal);
        Assert.Empty(run.Error);
    }

    [Fact]
    public async Task Show_PrintsThePayloadAndTheFailure()
    {
        var parcel = await DeadLetteredAsync("p-show");

        var run = await OpsRun.RunAsync(_settings, "deadletters", "show", parcel.EventId.ToString());

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("\"label\": \"p-show\"", run.Output, StringComparison.Ordinal);
        Assert.Contains("System.InvalidOperationException", run.Output, StringComparison.Ordinal);
        Assert.Contains("ReturnsDesk failed on delivery 1", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Replay_IsHandledOnce_AndTheDeadLetterIsGone()
    {
        var parcel = await DeadLetteredAsync("p-replay");
        _probe.Closed = false;

        var replay = await OpsRun.RunAsync(_settings, "deadletters", "replay", parcel.EventId.ToString());

        Assert.Equal(0, replay.ExitCode);
        Assert.Contains($"Replayed event {parcel.EventId}", replay.Output, StringComparison.Ordinal);
        await Eventually.HoldsAsync(() => _probe.TimesHandled(parcel.EventId) == 1, "the app handled the replayed event");
        var again = await OpsRun.RunAsync(_settings, "deadletters", "replay", parcel.EventId.ToString());
        Assert.Equal(1, again.ExitCode);
        Assert.Equal([$"✗ There is no dead letter of event {parcel.EventId} in the Storage Queue {_settings["Cqrs:Events:StorageQueue:QueueName"]}-poison at http://127.0.0.1:{azurite.Server.QueuePort}/devstoreaccount1."], again.ErrorLines);
        Assert.Contains("No dead letters", (await OpsRun.RunAsync(_settings, "deadletters", "list")).Output, StringComparison.Ordinal);
        Assert.Equal(1, _probe.TimesHandled(parcel.EventId));
    }

    [Fact]
    public async Task ReplayAll_SendsEveryDeadLetterBack()
    {
        var parcels = new[] { await DeadLetteredAsync("a"), await DeadLetteredAsync("b") };
        _probe.Closed = false;

        var run = await OpsRun.RunAsync(_settings, "deadletters", "replay", "--all");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("Replayed 2 dead letters", run.Output, StringComparison.Ordinal);
        await Eventually.HoldsAsync(() => parcels.All(p => _probe.TimesHandled(p.EventId) == 1), "the app handled both");
    }

    [Fact]
    public async Task Purge_NeedsConfirmation_ThenDeletesForGood()
    {
        var (purged, kept) = (await DeadLetteredAsync("purged"), await DeadLetteredAsync("kept"));

        var unconfirmed = await OpsRun.RunAsync(_settings, "deadletters", "purge", purged.EventId.ToString());
        var confirmed = await OpsRun.RunAsync(_settings, "deadletters", "purge", purged.EventId.ToString(), "--yes");

        Assert.Equal(2, unconfirmed.ExitCode);
        Assert.Contains("add --yes", unconfirmed.Error, StringComparison.Ordinal);
        Assert.Equal(0, confirmed.ExitCode);
        var list = await OpsRun.RunAsync(_settings, "deadletters", "list");
        Assert.DoesNotContain(purged.EventId.ToString(), list.Output, StringComparison.Ordinal);
        Assert.Contains(kept.EventId.ToString(), list.Output, StringComparison.Ordinal);
        Assert.Equal(1, (await OpsRun.RunAsync(_settings, "deadletters", "show", purged.EventId.ToString())).ExitCode);

        var all = await OpsRun.RunAsync(_settings, "deadletters", "purge", "--all", "--yes");

        Assert.Equal((0, true), (all.ExitCode, all.Output.Contains("Purged 1 dead letter", StringComparison.Ordinal)));
        Assert.Contains("No dead letters", (await OpsRun.RunAsync(_settings, "deadletters", "list")).Output, StringComparison.Ordinal);
        Assert.Equal(0, _probe.TimesHandled(purged.EventId));
    }

    [Theory]
    [InlineData("deadletters", "show", "not-an-id")]
    [InlineData("deadletters", "replay")]
    [InlineData("deadletters", "replay", "--all", "6f1c7a84-7a34-4f5e-a1f2-3b8b1f0e2a11")]
    [InlineData("deadletters", "list", "--max", "0")]
    [InlineData("deadletters", "list", "--timeout", "soon")]
    [InlineData("deadletters", "bury")]
    public async Task BadUsage_ExitsWith2(params string[] args)
    {
        var run = await OpsRun.RunAsync(_settings, args);

        Assert.Equal(2, run.ExitCode);
        Assert.NotEmpty(run.Error);
    }

    private async Task<ParcelReturned> DeadLetteredAsync(string label)
    {
        var parcel = new ParcelReturned { Label = label, OccurredAt = DateTimeOffset.UtcNow };
        await _app!.Services.GetRequiredService<IEventPublisher>().PublishAsync([parcel]);
        var deadLetters = _app.Services.GetRequiredService<IDeadLetterQueue>();
        await Eventually.HoldsAsync(async () => await deadLetters.FindAsync(parcel.EventId) is not null, "the app dead-lettered the event");
        return parcel;
    }

    private static string[] Cells(string markdownRow) => [.. markdownRow.Split('|', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];

    internal static Dictionary<string, string?> Settings(string connectionString)
    {
        var settings = AzuriteServer.KernelSettings(connectionString, "returns");
        settings["Cqrs:Resilience:Default:MaxRetryAttempts"] = "0";
        return settings;
    }
}
