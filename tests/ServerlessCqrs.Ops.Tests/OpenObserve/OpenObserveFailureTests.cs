using ServerlessCqrs.Ops.Tests.StandIn;

namespace ServerlessCqrs.Ops.Tests.OpenObserve;

/// <summary>
/// A wrong URL, wrong credentials, an unknown organization or a refusing server: <c>check</c> names each
/// in one line, <c>provision</c> stops at the first with one line, exit code 1 and no secret.
/// </summary>
public sealed class OpenObserveFailureTests : IAsyncLifetime
{
    private OpenObserveStandIn _openObserve = null!;

    public async Task InitializeAsync() => _openObserve = await OpenObserveStandIn.StartAsync();

    public async Task DisposeAsync() => await _openObserve.DisposeAsync();

    [Fact]
    public async Task Check_OnAHealthyServer_ConfirmsHealthCredentialsAndOrganization()
    {
        var run = await OpsRun.RunAsync(_openObserve.Settings(), "openobserve", "check");

        Assert.True(run.ExitCode == 0, run.All);
        Assert.Equal(
            [$"✓ OpenObserve at {_openObserve.Address} is up (/healthz).", "✓ The credentials are accepted.", "✓ Organization 'acme' exists (0 streams)."],
            run.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public async Task Check_NamesWrongCredentials()
    {
        var run = await OpsRun.RunAsync(With("OPENOBSERVE_PASSWORD", "wrong-password"), "openobserve", "check");

        Assert.Equal(1, run.ExitCode);
        Assert.Equal(
            [$"✗ OpenObserve at {_openObserve.Address} refused the credentials (401): check OPENOBSERVE_USER and OPENOBSERVE_PASSWORD, or OPENOBSERVE_TOKEN.",
             "✗ Organization 'acme' not checked: the credentials were refused."],
            run.ErrorLines);
        Assert.DoesNotContain("wrong-password", run.All, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_NamesAnUnknownOrganization()
    {
        var run = await OpsRun.RunAsync(With("OPENOBSERVE_ORGANIZATION", "globex"), "openobserve", "check");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("✓ The credentials are accepted.", run.Output, StringComparison.Ordinal);
        Assert.Equal([$"✗ OpenObserve at {_openObserve.Address} has no organization 'globex' (OPENOBSERVE_ORGANIZATION)."], run.ErrorLines);
    }

    [Fact]
    public async Task Check_NamesAServerThatIsNotThere()
    {
        var url = $"http://127.0.0.1:{LoopbackPorts.Free()}/";

        var run = await OpsRun.RunAsync(With("OPENOBSERVE_URL", url), "openobserve", "check");

        Assert.Equal(1, run.ExitCode);
        Assert.Equal(2, run.ErrorLines.Length);
        Assert.StartsWith($"✗ Cannot reach OpenObserve at {url}: Connection refused", run.ErrorLines[0], StringComparison.Ordinal);
        Assert.Equal("✗ Credentials and organization not checked: the server is not answering.", run.ErrorLines[1]);
    }

    [Fact]
    public async Task Provision_WithABearerToken_SaysOpenObserveTakesBasicAuthOnly_WithoutTheToken()
    {
        var settings = _openObserve.Settings();
        settings.Remove("OPENOBSERVE_USER");
        settings["OPENOBSERVE_TOKEN"] = "Bearer eyJhbGciOi.secret-token";

        var run = await OpsRun.RunAsync(settings, "openobserve", "provision");

        Assert.Equal(1, run.ExitCode);
        var line = Assert.Single(run.ErrorLines);
        Assert.Contains("refused the credentials (401 Not Supported): it takes Basic auth only", line, StringComparison.Ordinal);
        Assert.DoesNotContain("secret-token", run.All, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(400, "Bad Request")]
    [InlineData(503, "ServiceUnavailable")]
    public async Task Provision_StopsAtTheFirstRefusal_InOneLine(int status, string reason)
    {
        _openObserve.FailNext(status, "simulated refusal");

        var run = await OpsRun.RunAsync(_openObserve.Settings(), "openobserve", "provision");

        Assert.Equal(1, run.ExitCode);
        var line = Assert.Single(run.ErrorLines);
        Assert.Equal($"✗ OpenObserve answered {status} {reason.Replace(" ", "", StringComparison.Ordinal)} to GET /api/acme/streams?type=logs&fetchSchema=true: simulated refusal", line);
        Assert.Empty(_openObserve.Writes);
        Assert.DoesNotContain(OpenObserveStandIn.Password, run.All, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("OPENOBSERVE_URL", "unreachable", "Cannot reach OpenObserve at http://127.0.0.1:")]
    [InlineData("OPENOBSERVE_PASSWORD", "wrong-password", "refused the credentials (401): check OPENOBSERVE_USER and OPENOBSERVE_PASSWORD")]
    [InlineData("OPENOBSERVE_ORGANIZATION", "globex", "has no organization 'globex' (OPENOBSERVE_ORGANIZATION).")]
    public async Task Provision_NamesWhatIsWrong_InOneLine_WithoutTheSecret(string setting, string value, string expected)
    {
        var settings = With(setting, value == "unreachable" ? $"http://127.0.0.1:{LoopbackPorts.Free()}/" : value);

        var run = await OpsRun.RunAsync(settings, "openobserve", "provision", "--destination-url", "https://hooks.example.com/a");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains(expected, Assert.Single(run.ErrorLines), StringComparison.Ordinal);
        Assert.DoesNotContain("wrong-password", run.All, StringComparison.Ordinal);
        Assert.DoesNotContain(OpenObserveStandIn.Password, run.All, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", run.All, StringComparison.Ordinal);
        Assert.Empty(_openObserve.Writes);
    }

    [Fact]
    public async Task Provision_WithoutOpenObserveSettings_SaysWhatToSet()
    {
        var run = await OpsRun.RunAsync(new Dictionary<string, string?>(), "openobserve", "provision");

        Assert.Equal(1, run.ExitCode);
        Assert.Equal(["✗ OPENOBSERVE_URL is not set: point it at OpenObserve, with OPENOBSERVE_ORGANIZATION and the credentials."], run.ErrorLines);
    }

    private Dictionary<string, string?> With(string key, string value)
    {
        var settings = _openObserve.Settings();
        settings[key] = value;
        return settings;
    }
}
