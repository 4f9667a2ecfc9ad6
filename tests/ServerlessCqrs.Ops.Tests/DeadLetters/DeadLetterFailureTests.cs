namespace ServerlessCqrs.Ops.Tests.DeadLetters;

/// <summary>When the dead letters cannot be reached: one line on standard error naming what, exit code 1, no secret, no stack.</summary>
public sealed class DeadLetterFailureTests
{
    private const string Key = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    [Fact]
    public async Task UnreachableStorageAccount_IsOneLineNamingTheQueue_WithoutTheKey()
    {
        var port = LoopbackPorts.Free();
        var settings = DeadLetterCommandTests.Settings(
            $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey={Key};QueueEndpoint=http://127.0.0.1:{port}/devstoreaccount1;TableEndpoint=http://127.0.0.1:{port}/devstoreaccount1;");

        var run = await OpsRun.RunAsync(settings, "deadletters", "list");

        Assert.Equal(1, run.ExitCode);
        var line = Assert.Single(run.ErrorLines);
        Assert.StartsWith($"✗ Cannot reach the Storage Queue {settings["Cqrs:Events:StorageQueue:QueueName"]}-poison at http://127.0.0.1:{port}/devstoreaccount1", line, StringComparison.Ordinal);
        Assert.Contains("Connection refused", line, StringComparison.Ordinal);
        AssertNoSecretsOrStack(run);
    }

    [Fact]
    public async Task UnreachableServiceBus_IsOneLineNamingTheSubscription_WithoutTheKey()
    {
        var settings = new Dictionary<string, string?>
        {
            ["Cqrs:Events:Transport"] = "ServiceBus",
            ["ConnectionStrings:ServiceBus"] = $"Endpoint=sb://127.0.0.1:{LoopbackPorts.Free()}/;SharedAccessKeyName=operator;SharedAccessKey={Key};UseDevelopmentEmulator=true",
        };

        var run = await OpsRun.RunAsync(settings, "deadletters", "list", "--timeout", "5s");

        Assert.Equal(1, run.ExitCode);
        var line = Assert.Single(run.ErrorLines);
        Assert.Contains("Service Bus subscription cqrs-events/cqrs-handlers at 127.0.0.1", line, StringComparison.Ordinal);
        AssertNoSecretsOrStack(run);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("InProcess")]
    public async Task InProcessTransport_PointsAtTheAppsApi(string? transport)
    {
        var run = await OpsRun.RunAsync(new Dictionary<string, string?> { ["Cqrs:Events:Transport"] = transport }, "deadletters", "list");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("GET /api/ops/deadletters", Assert.Single(run.ErrorLines), StringComparison.Ordinal);
    }

    [Fact]
    public async Task MissingConnection_NamesTheSetting()
    {
        var run = await OpsRun.RunAsync(new Dictionary<string, string?> { ["Cqrs:Events:Transport"] = "StorageQueue" }, "deadletters", "list");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("ConnectionStrings:Storage is not set", Assert.Single(run.ErrorLines), StringComparison.Ordinal);
    }

    private static void AssertNoSecretsOrStack(OpsRun run)
    {
        Assert.DoesNotContain(Key, run.All, StringComparison.Ordinal);
        Assert.DoesNotContain("SharedAccessKey", run.All, StringComparison.Ordinal);
        Assert.DoesNotContain(" at ServerlessCqrs.", run.All, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", run.All, StringComparison.Ordinal);
    }
}
