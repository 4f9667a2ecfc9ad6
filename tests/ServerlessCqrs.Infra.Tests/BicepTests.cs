using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace ServerlessCqrs.Infra.Tests;

/// <summary>infra/ compiles and lints clean with the bicep CLI, and azd can fill in every parameter.</summary>
[Collection(nameof(InfraCollection))]
public sealed partial class BicepTests(InfraFixture infra)
{
    [Fact]
    public void Build_Succeeds_WithoutAWarning()
    {
        Assert.True(infra.Build.ExitCode == 0, infra.Build.ToString());
        Assert.Equal("", infra.Build.Diagnostics.Trim());
    }

    [Fact]
    public void Lint_ReportsNothing()
    {
        Assert.True(infra.Lint.ExitCode == 0, infra.Lint.ToString());
        Assert.Equal("", infra.Lint.Diagnostics.Trim());
    }

    [Fact]
    public void Snapshot_OfAFullEnvironment_ReportsNothing() => Assert.Empty(infra.Deployment.Diagnostics);

    [Fact]
    public void MainParameters_MapEveryParameterOfMain_FromTheAzdEnvironment()
    {
        var mapped = JsonNode.Parse(File.ReadAllText(Repository.PathOf("infra/main.parameters.json")))!["parameters"]!.AsObject();
        var declared = infra.Template["parameters"]!.AsObject();

        Assert.Equal(declared.Select(p => p.Key).Order(), mapped.Select(p => p.Key).Order());
        Assert.All(mapped, p => Assert.Matches(@"^\$\{[A-Z_]+(=[^}]*)?\}$", p.Value!["value"]!.GetValue<string>()));
        // Parameters without a default must come from variables azd always sets.
        var required = declared.Where(p => p.Value!["defaultValue"] is null).Select(p => mapped[p.Key]!["value"]!.GetValue<string>());
        Assert.All(required, value => Assert.Contains(value, new[] { "${AZURE_ENV_NAME}", "${AZURE_LOCATION}" }));
    }

    [Fact]
    public void Outputs_AreUpperSnakeCase_SoAzdKeepsThemAsEnvironmentValues() =>
        Assert.All(infra.Template["outputs"]!.AsObject(), output => Assert.Matches(UpperSnake(), output.Key));

    [Fact]
    public void EveryResource_CarriesTheAzdEnvironmentTag()
    {
        var tagged = infra.Deployment.Resources.Where(r => r.Body["tags"] is not null || r["location"] is not null);

        Assert.All(tagged, r => Assert.Equal("ci", r.Body["tags"]?["azd-env-name"]?.GetValue<string>()));
    }

    [GeneratedRegex("^[A-Z][A-Z0-9_]*$")]
    private static partial Regex UpperSnake();
}
