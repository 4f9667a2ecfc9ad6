using System.Text.Json.Nodes;
using ServerlessCqrs.Infra.Tests.Bicep;

namespace ServerlessCqrs.Infra.Tests;

/// <summary>Runs bicep once for all tests: build, lint, and the deployment of a fully configured environment.</summary>
public sealed class InfraFixture : IAsyncLifetime
{
    /// <summary>The parameters azd would pass for an environment with a signed-in user and OpenObserve set.</summary>
    public static readonly IReadOnlyDictionary<string, string> FullParameters = new Dictionary<string, string>
    {
        ["environmentName"] = "ci",
        ["location"] = "swedencentral",
        ["principalId"] = "5f0e9a27-3f7c-4c1e-9a51-2d6a3b7e8c90",
        ["principalType"] = "User",
        // Where nothing listens, so the app's telemetry exporters fail fast when the test host stops.
        ["openObserveUrl"] = $"http://127.0.0.1:{LoopbackPorts.Free()}",
        ["openObserveOrganization"] = "acme",
        ["openObserveToken"] = "Basic cm9vdEBleGFtcGxlLmNvbTpzZWNyZXQ=",
    };

    internal BicepResult Build { get; private set; } = null!;

    internal BicepResult Lint { get; private set; } = null!;

    /// <summary>The compiled ARM template (infra/main.json, never committed).</summary>
    internal JsonObject Template { get; private set; } = null!;

    internal DeploymentSnapshot Deployment { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var infra = Repository.PathOf("infra");
        Build = await BicepCli.RunAsync(infra, "build", "main.bicep", "--stdout");
        Lint = await BicepCli.RunAsync(infra, "lint", "main.bicep");
        Template = Build.ExitCode == 0 ? JsonNode.Parse(Build.Output)!.AsObject() : [];
        Deployment = await DeploymentSnapshot.CreateAsync(FullParameters, FullParameters["location"]);
    }

    public Task DisposeAsync() => Task.CompletedTask;
}

[CollectionDefinition(nameof(InfraCollection))]
public sealed class InfraCollection : ICollectionFixture<InfraFixture>;
