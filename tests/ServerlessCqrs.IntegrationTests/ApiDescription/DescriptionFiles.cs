namespace ServerlessCqrs.IntegrationTests.ApiDescription;

/// <summary>
/// Files generated from the API description and kept in the repository so they can be read and reviewed without running
/// anything: the OpenAPI document and the C# client NSwag writes from it. A test compares each with what the code generates
/// now; with <c>UPDATE_API_DESCRIPTION=1</c> it rewrites the file instead.
/// </summary>
internal static class DescriptionFiles
{
    /// <summary>The document, as the LocalHost with bearer tokens configured serves it from its default address.</summary>
    public static readonly string OpenApi = Repository.PathOf("docs/openapi.json");

    /// <summary>The C# client NSwag generates from <see cref="OpenApi"/>.</summary>
    public static readonly string CSharpClient = Repository.PathOf("tests/ServerlessCqrs.IntegrationTests/ApiDescription/Generated/ServerlessCqrsClient.cs");

    private static bool Updating => Environment.GetEnvironmentVariable("UPDATE_API_DESCRIPTION") == "1";

    /// <summary>Fails with the first difference unless the file holds <paramref name="expected"/>; rewrites it when updating.</summary>
    public static void AssertCurrent(string path, string expected)
    {
        expected = expected.ReplaceLineEndings("\n");
        if (Updating)
        {
            File.WriteAllText(path, expected);
            return;
        }

        var actual = File.Exists(path) ? File.ReadAllText(path).ReplaceLineEndings("\n") : "";
        if (actual == expected)
        {
            return;
        }

        var expectedLines = expected.Split('\n');
        var actualLines = actual.Split('\n');
        var line = Enumerable.Range(0, Math.Max(expectedLines.Length, actualLines.Length))
            .First(i => i >= expectedLines.Length || i >= actualLines.Length || expectedLines[i] != actualLines[i]);
        Assert.Fail(
            $"{Path.GetRelativePath(Repository.Root, path)} is not what the code generates now; first difference at line {line + 1}:\n" +
            $"  committed: {(line < actualLines.Length ? actualLines[line] : "(end of file)")}\n" +
            $"  generated: {(line < expectedLines.Length ? expectedLines[line] : "(end of file)")}\n" +
            "Review the change, then run `UPDATE_API_DESCRIPTION=1 dotnet test tests/ServerlessCqrs.IntegrationTests --filter Committed` to rewrite it.");
    }
}
