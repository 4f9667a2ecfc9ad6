using ServerlessCqrs.Ops.Tests.StandIn;

namespace ServerlessCqrs.Ops.Tests.OpenObserve;

/// <summary><c>openobserve smoke</c>: the product's pipeline exports a tagged batch, and each signal is found again, or named as missing.</summary>
public sealed class SmokeTests : IAsyncLifetime
{
    private OpenObserveStandIn _openObserve = null!;

    public async Task InitializeAsync() => _openObserve = await OpenObserveStandIn.StartAsync();

    public async Task DisposeAsync() => await _openObserve.DisposeAsync();

    [Fact]
    public async Task EverySignal_IsExportedByTheProductsPipeline_AndFoundAgain()
    {
        var run = await OpsRun.RunAsync(_openObserve.Settings(), "openobserve", "smoke", "--wait", "20s");

        Assert.True(run.ExitCode == 0, run.All);
        string[] signals = ["logs in cqrs_commands", "logs in cqrs_queries", "logs in cqrs_events", "traces in traces", "metrics cqrs_commands"];
        Assert.All(signals, signal => Assert.Contains($"✓ pass  {signal}: found after", run.Output, StringComparison.Ordinal));
        var runId = run.Output.Split("cqrs.smoke.run=")[1].Split(' ')[0];
        var commandLog = Assert.Single(_openObserve.State.Streams[("logs", "cqrs_commands")].Records, r => (string?)r["cqrs_smoke_run"] == runId);
        Assert.Equal("ops-smoke-command", (string?)commandLog["type"]);
        Assert.Contains(_openObserve.State.Streams[("traces", "traces")].Records,
            span => (string?)span["service_cqrs_smoke_run"] == runId && (string?)span["operation_name"] == "command ops-smoke-command");
        Assert.Contains(_openObserve.Requests, r => r.Path == "/api/acme/v1/metrics");
    }

    [Fact]
    public async Task SignalsThatNeverArrive_AreEachNamed_AndTheRunFails()
    {
        _openObserve.DropIngestion = true;

        var run = await OpsRun.RunAsync(_openObserve.Settings(), "openobserve", "smoke", "--wait", "1s");

        Assert.Equal(1, run.ExitCode);
        Assert.Equal(5, run.ErrorLines.Length);
        Assert.All(run.ErrorLines, line => Assert.StartsWith("✗ fail  ", line, StringComparison.Ordinal));
        Assert.Contains(run.ErrorLines, line => line.Contains("metrics cqrs_commands: nothing tagged smoke-", StringComparison.Ordinal));
        Assert.Contains(run.ErrorLines, line => line.Contains("SELECT COUNT(*) AS n FROM \"traces\" WHERE \"service_cqrs_smoke_run\" = 'smoke-", StringComparison.Ordinal));
    }

    [Fact]
    public async Task WrongCredentials_EndTheSmokeTest_InOneLine()
    {
        var settings = _openObserve.Settings();
        settings["OPENOBSERVE_PASSWORD"] = "wrong";

        var run = await OpsRun.RunAsync(settings, "openobserve", "smoke", "--wait", "5s");

        Assert.Equal(1, run.ExitCode);
        Assert.StartsWith("✗ OpenObserve at", Assert.Single(run.ErrorLines), StringComparison.Ordinal);
    }
}
