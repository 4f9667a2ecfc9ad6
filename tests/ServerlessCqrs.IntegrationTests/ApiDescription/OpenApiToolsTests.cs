using System.Text.RegularExpressions;

namespace ServerlessCqrs.IntegrationTests.ApiDescription;

/// <summary>The committed document through tools no one here wrote, and a TypeScript client generated from a running LocalHost's.</summary>
public sealed partial class OpenApiToolsTests(LocalHostFactory factory) : IClassFixture<LocalHostFactory>
{
    /// <summary>The warnings the README lists with why they stay.</summary>
    private static readonly string[] KnownWarnings = ["info-license", "operation-4xx-response"];

    [Fact]
    public async Task RedoclyLint_WithTheRecommendedRules_FindsNoErrors_AndOnlyTheKnownWarnings()
    {
        var run = await NodeTools.RunAsync("redocly", null, "lint", "--extends", "recommended", "--format", "summary", DescriptionFiles.OpenApi);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.DoesNotMatch(ErrorLine(), run.Output);
        Assert.Equal(KnownWarnings, WarningLine().Matches(run.Output).Select(m => m.Groups["rule"].Value).Order());
    }

    [Fact]
    public async Task SwaggerParser_ValidatesIt()
    {
        var run = await NodeTools.RunAsync("node", null, "validate.mjs", DescriptionFiles.OpenApi);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("valid: ServerlessCqrs API", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ATypeScriptClient_GeneratedFromTheRunningLocalHost_TypeChecksAndWalksThroughTheApi()
    {
        using var client = factory.CreateClient();
        var api = client.BaseAddress!.GetLeftPart(UriPartial.Authority);

        var generate = await NodeTools.RunAsync("openapi-typescript", null, $"{api}/api/openapi.json", "--output", "generated/schema.d.ts");
        var typeCheckedBuild = await NodeTools.RunAsync("tsc", null, "-p", ".");
        var walkthrough = await NodeTools.RunAsync("node", new Dictionary<string, string> { ["API_BASE_URL"] = api }, "--test", "build/");

        Assert.True(generate.ExitCode == 0, generate.ToString());
        Assert.True(typeCheckedBuild.ExitCode == 0, typeCheckedBuild.ToString());
        Assert.True(walkthrough.ExitCode == 0, walkthrough.ToString());
        Assert.Matches(@"# pass 3\b", walkthrough.Output);
    }

    [GeneratedRegex(@"^error\s", RegexOptions.Multiline)]
    private static partial Regex ErrorLine();

    [GeneratedRegex(@"^warning\s+(?<rule>[a-z0-9-]+):", RegexOptions.Multiline)]
    private static partial Regex WarningLine();
}
