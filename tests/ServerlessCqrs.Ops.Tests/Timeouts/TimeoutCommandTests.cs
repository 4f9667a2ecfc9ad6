using System.Net.Http.Json;
using System.Text.Json;

namespace ServerlessCqrs.Ops.Tests.Timeouts;

/// <summary>
/// <c>timeouts</c> against the real LocalHost on Table Storage and a Storage Queue in Azurite: a confirmed order's
/// payment process waits for its timeout, and the CLI lists it, cancels it, or moves it.
/// </summary>
public sealed class TimeoutCommandTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>, IAsyncLifetime
{
    private readonly Dictionary<string, string?> _settings = Settings(azurite.Server.ConnectionString);
    private LocalHostProcess? _app;

    public async Task InitializeAsync() => _app = await LocalHostProcess.StartAsync(_settings);

    public async Task DisposeAsync() => await _app!.DisposeAsync();

    [Fact]
    public async Task List_ShowsTheWaitingTimeout_AndCancel_KeepsItFromTheProcess()
    {
        var orderId = await ConfirmedOrderAsync();

        var list = await OpsRun.RunAsync(_settings, "timeouts", "list");

        Assert.Equal(0, list.ExitCode);
        var row = Assert.Single(list.TableRows, r => r.Contains(orderId));
        Assert.Equal(["PaymentProcess", orderId, "-", "PaymentDue"], row[1..5]);
        var cancel = await OpsRun.RunAsync(_settings, "timeouts", "cancel", row[0]);
        Assert.True(cancel.ExitCode == 0, cancel.All);
        Assert.DoesNotContain((await OpsRun.RunAsync(_settings, "timeouts", "list")).TableRows, r => r.Contains(orderId));
        var again = await OpsRun.RunAsync(_settings, "timeouts", "cancel", row[0]);
        Assert.Equal(1, again.ExitCode);
        Assert.Contains($"No process waits for timeout {row[0]}", again.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reschedule_MakesItFireAtTheNewTime()
    {
        var orderId = await ConfirmedOrderAsync();
        var timeoutId = Assert.Single((await OpsRun.RunAsync(_settings, "timeouts", "list")).TableRows, r => r.Contains(orderId))[0];

        var soon = DateTimeOffset.UtcNow.AddSeconds(1).ToString("O");
        var run = await OpsRun.RunAsync(_settings, "timeouts", "reschedule", timeoutId, "--at", soon);

        Assert.True(run.ExitCode == 0, run.All);
        Assert.Contains($"Rescheduled timeout {timeoutId} as ", run.Output, StringComparison.Ordinal);
        using var client = _app!.CreateClient();
        await Eventually.HoldsAsync(async () => (await OrderAsync(client, orderId)).GetProperty("status").GetString() == "Cancelled",
            "the order is cancelled at the new time", TimeSpan.FromSeconds(30));
    }

    [Fact]
    public async Task WithTheAppsMemoryAsTheStore_ItPointsToTheAppsApi()
    {
        var run = await OpsRun.RunAsync(new Dictionary<string, string?>(), "timeouts", "list");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("GET /api/ops/timeouts", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reschedule_WithATimeThatIsNotOne_IsABadUsage()
    {
        var run = await OpsRun.RunAsync(_settings, "timeouts", "reschedule", Guid.NewGuid().ToString(), "--at", "soonish");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--at 'soonish' is not a time", run.All, StringComparison.Ordinal);
    }

    private async Task<string> ConfirmedOrderAsync()
    {
        using var client = _app!.CreateClient();
        var created = await client.PostAsJsonAsync("/api/commands/CreateOrder", new { customerId = "ops", lines = new[] { new { sku = "A-1", quantity = 1, unitPrice = 5 } } });
        var orderId = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("orderId").GetString()!;
        (await client.PostAsJsonAsync("/api/commands/ConfirmOrder", new { orderId })).EnsureSuccessStatusCode();
        await Eventually.HoldsAsync(async () => (await OpsRun.RunAsync(_settings, "timeouts", "list")).TableRows.Any(r => r.Contains(orderId)),
            "the payment process waits for its timeout", TimeSpan.FromSeconds(30));
        return orderId;
    }

    private static async Task<JsonElement> OrderAsync(HttpClient client, string orderId) =>
        await client.GetFromJsonAsync<JsonElement>($"/api/queries/GetOrder?orderId={orderId}");

    private static Dictionary<string, string?> Settings(string connectionString)
    {
        var settings = AzuriteServer.KernelSettings(connectionString, "timeouts");
        settings["Payments:Timeout"] = "01:00:00";
        return settings;
    }
}
