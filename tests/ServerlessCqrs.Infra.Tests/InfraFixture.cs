using System.Text.Json.Nodes;
using ServerlessCqrs.Infra.Tests.Bicep;

namespace ServerlessCqrs.Infra.Tests;

/// <summary>Runs bicep once for all tests: build, lint, and the deployment of a fully configured environment.</summary>
public sealed class InfraFixture : IAsyncLifetime
{
    /// <summary>An azd environment with a signed-in user and OpenObserve set (`azd env set OPENOBSERVE_…`).</summary>
    public static readonly IReadOnlyDictionary<string, string> FullEnvironment = new Dictionary<string, string>
    {
        ["AZURE_ENV_NAME"] = "ci",
        ["AZURE_LOCATION"] = "swedencentral",
        ["AZURE_PRINCIPAL_ID"] = "5f0e9a27-3f7c-4c1e-9a51-2d6a3b7e8c90",
        // Where nothing listens, so the app's telemetry exporters fail fast when a test host stops.
        ["OPENOBSERVE_URL"] = $"http://127.0.0.1:{LoopbackPorts.Free()}",
        ["OPENOBSERVE_ORGANIZATION"] = "acme",
        ["OPENOBSERVE_TOKEN"] = "Basic cm9vdEBleGFtcGxlLmNvbTpzZWNyZXQ=",
        // An Entra ID app registration for the API (`azd env set AUTH_CLIENT_ID …`).
        ["AUTH_CLIENT_ID"] = "3c1a7d2e-8b4f-4e61-9a0d-5f2b6c7e8d91",
        ["AUTH_TENANT_ID"] = "7e2d9c4b-1a3f-4b5e-8c6d-0f9a8b7c6d5e",
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
        Deployment = await DeploymentSnapshot.CreateAsync(AzdEnvironment.Parameters(FullEnvironment), FullEnvironment["AZURE_LOCATION"]);
    }

    public Task DisposeAsync() => Task.CompletedTask;
}

[CollectionDefinition(nameof(InfraCollection))]
public sealed class InfraCollection : ICollectionFixture<InfraFixture>;
