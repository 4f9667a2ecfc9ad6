using System.Text.Json.Nodes;
using ServerlessCqrs.Ops.Tests.StandIn;

namespace ServerlessCqrs.Ops.Tests.OpenObserve;

/// <summary><c>openobserve provision</c> against the stand-in: what it creates, that a second run changes nothing, what a dry run prints.</summary>
public sealed class ProvisionTests : IAsyncLifetime
{
    private const string Webhook = "https://hooks.example.com/cqrs-alerts";
    private OpenObserveStandIn _openObserve = null!;

    public async Task InitializeAsync() => _openObserve = await OpenObserveStandIn.StartAsync();

    public async Task DisposeAsync() => await _openObserve.DisposeAsync();

    private Task<OpsRun> ProvisionAsync(params string[] options) =>
        OpsRun.RunAsync(_openObserve.Settings(), ["openobserve", "provision", "--destination-url", Webhook, .. options]);

    [Fact]
    public async Task FirstRun_CreatesStreamsAlertingAndDashboards_AsOpenObserveAcceptsThem()
    {
        var run = await ProvisionAsync();

        Assert.True(run.ExitCode == 0, run.All);
        var state = _openObserve.State;
        foreach (var stream in new[] { "cqrs_commands", "cqrs_queries", "cqrs_events" })
        {
            var logs = state.Streams[("logs", stream)];
            Assert.Equal(30, (int)logs.Settings["data_retention"]!);
            Assert.Contains("id", logs.Settings["bloom_filter_fields"]!.AsArray().Select(f => (string?)f));
            Assert.Superset(new HashSet<string> { "bus", "type", "id", "status", "durationms", "tenantid", "userid", "errorcode" }, logs.Schema.Keys.ToHashSet());
        }

        Assert.True(state.Streams.ContainsKey(("traces", "traces")));
        Assert.Equal(["cqrs_alert_webhook"], state.Templates.Keys);
        Assert.Equal(Webhook, (string?)state.Destinations["cqrs_alerts_webhook"]["url"]);
        Assert.Equal(
            ["cqrs_command_error_rate_high", "cqrs_command_p95_latency_high", "cqrs_event_dead_lettered", "cqrs_process_timeouts_high", "cqrs_process_timeouts_overdue",
                "cqrs_query_cache_hit_rate_low", "cqrs_query_p95_latency_high"],
            state.Alerts.Values.Select(a => (string)a["name"]!).Order());
        Assert.All(state.Alerts.Values, a => Assert.Equal(["cqrs_alerts_webhook"], a["destinations"]!.AsArray().Select(d => (string?)d)));
        Assert.Equal(["CQRS Commands", "CQRS Events", "CQRS Processes", "CQRS Queries"], state.Dashboards.Values.Select(d => (string)d.V8["title"]!).Order());
        Assert.All(state.Dashboards.Values, d => Assert.Equal(8, (int)d.V8["version"]!));

        Assert.True(run.HasRow("logs stream", "cqrs_commands", "created"), run.Output);
        Assert.True(run.HasRow("alert", "cqrs_event_dead_lettered", "created"), run.Output);
        Assert.True(run.HasRow("dashboard", "CQRS Events", "created"), run.Output);
        Assert.True(run.HasRow("alert", "cqrs_process_timeouts_high", "created"), run.Output);
        Assert.True(run.HasRow("dashboard", "CQRS Processes", "created"), run.Output);
        Assert.Contains("organization 'acme'): 23 created, 0 updated, 0 unchanged.", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SecondRun_SendsNoWrite_AndReportsEverythingUnchanged()
    {
        Assert.Equal(0, (await ProvisionAsync()).ExitCode);
        var writes = _openObserve.Writes.Count;

        var second = await ProvisionAsync();

        Assert.True(second.ExitCode == 0, second.All);
        Assert.Equal(writes, _openObserve.Writes.Count);
        Assert.Contains("0 created, 0 updated, 23 unchanged.", second.Output, StringComparison.Ordinal);
        Assert.DoesNotContain(second.TableRows, row => row is [_, _, "created", ..]);
    }

    [Fact]
    public async Task Drift_IsPutBack_ByIdAndHash_AndNothingElseIsTouched()
    {
        Assert.Equal(0, (await ProvisionAsync()).ExitCode);
        var state = _openObserve.State;
        var alert = state.Alerts.Values.Single(a => (string?)a["name"] == "cqrs_query_p95_latency_high");
        alert["trigger_condition"]!["period"] = 30;
        var dashboard = state.Dashboards.Values.Single(d => (string?)d.V8["title"] == "CQRS Queries");
        dashboard.V8["tabs"]![0]!["panels"]!.AsArray().RemoveAt(0);
        var commands = state.Streams[("logs", "cqrs_commands")];
        commands.Settings["data_retention"] = 7;
        var writes = _openObserve.Writes.Count;

        var run = await ProvisionAsync();

        Assert.True(run.ExitCode == 0, run.All);
        Assert.Equal(
            [$"PUT /api/acme/streams/cqrs_commands/settings", $"PUT /api/v2/acme/alerts/{alert["id"]}", $"PUT /api/acme/dashboards/{dashboard.Id}"],
            _openObserve.Writes.Skip(writes).Select(w => $"{w.Method} {w.Path}"));
        Assert.Equal(10, (int)state.Alerts[(string)alert["id"]!]["trigger_condition"]!["period"]!);
        Assert.Equal(3, state.Dashboards[dashboard.Id].V8["tabs"]![0]!["panels"]!.AsArray().Count);
        Assert.Equal(30, (int)commands.Settings["data_retention"]!);
        Assert.Contains("retention 7 → 30 days", run.Output, StringComparison.Ordinal);
        Assert.Contains("3 updated, 20 unchanged", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DuplicateAlertNames_UpdateTheFirst_AndReportTheOthers()
    {
        Assert.Equal(0, (await ProvisionAsync()).ExitCode);
        var copy = (JsonObject)_openObserve.State.Alerts.Values.Single(a => (string?)a["name"] == "cqrs_event_dead_lettered").DeepClone();
        copy["id"] = "2pUo1nKyKyQkNs0VKuELiD8s5xs";
        _openObserve.State.Alerts["2pUo1nKyKyQkNs0VKuELiD8s5xs"] = copy;

        var run = await ProvisionAsync();

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("2 alerts have this name; the first was compared, the others left alone", run.Output, StringComparison.Ordinal);
        Assert.Equal(8, _openObserve.State.Alerts.Count);
    }

    [Fact]
    public async Task DryRun_PrintsEveryRequest_AndSendsNone()
    {
        var run = await ProvisionAsync("--dry-run");

        Assert.True(run.ExitCode == 0, run.All);
        Assert.Empty(_openObserve.Writes);
        Assert.Empty(_openObserve.State.Streams);
        Assert.Contains("POST /api/acme/streams/cqrs_commands?type=logs", run.Output, StringComparison.Ordinal);
        Assert.Contains("POST /api/v2/acme/alerts?folder=default", run.Output, StringComparison.Ordinal);
        Assert.Contains("\"title\": \"CQRS Commands\"", run.Output, StringComparison.Ordinal);
        Assert.True(run.HasRow("logs stream", "cqrs_commands", "would be created"), run.Output);
        Assert.Contains("Dry run against", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WithoutAWebhook_StreamsAndDashboardsAreProvisioned_AndTheAlertsSkippedWithAWarning()
    {
        var run = await OpsRun.RunAsync(_openObserve.Settings(), "openobserve", "provision", "--retention-days", "14");

        Assert.True(run.ExitCode == 0, run.All);
        Assert.Empty(_openObserve.State.Alerts);
        Assert.Empty(_openObserve.State.Destinations);
        Assert.Equal(4, _openObserve.State.Dashboards.Count);
        Assert.Equal(14, (int)_openObserve.State.Streams[("logs", "cqrs_events")].Settings["data_retention"]!);
        Assert.Contains("! alert (all seven) skipped: no webhook: pass --destination-url or set OPENOBSERVE_ALERT_WEBHOOK_URL.", run.Output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--retention-days", "0")]
    [InlineData("--destination-url", "not-a-url")]
    public async Task BadOption_IsBadUsage(string option, string value)
    {
        var run = await OpsRun.RunAsync(_openObserve.Settings(), "openobserve", "provision", option, value);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains(option, run.All, StringComparison.Ordinal);
        Assert.Empty(_openObserve.Requests);
    }
}
