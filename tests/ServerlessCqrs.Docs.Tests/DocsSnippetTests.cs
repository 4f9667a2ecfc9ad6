using System.Text;

namespace ServerlessCqrs.Docs.Tests;

/// <summary>
/// Every C# sample in the README and under docs/ is a region of the compiled samples in docs/Samples,
/// shown as it is there: a sample cannot stop compiling, or drift from the code, unnoticed. Run with
/// <c>UPDATE_DOCS_SNIPPETS=1</c> to copy the regions into the Markdown.
/// </summary>
public sealed class DocsSnippetTests
{
    private static readonly string[] Pages =
        [Repository.PathOf("README.md"), .. Directory.EnumerateFiles(Repository.PathOf("docs"), "*.md", SearchOption.AllDirectories).Order(StringComparer.Ordinal)];

    [Fact]
    public void EveryCSharpBlock_IsASampleRegion_ShownAsItCompiles()
    {
        var update = Environment.GetEnvironmentVariable("UPDATE_DOCS_SNIPPETS") == "1";
        var problems = new List<string>();
        foreach (var page in Pages)
        {
            var text = File.ReadAllText(page);
            var lines = text.Split('\n').ToList();
            foreach (var block in MarkdownSnippets.Of(text).Reverse())
            {
                var where = $"{Path.GetRelativePath(Repository.Root, page)}:{block.FenceLine + 1}";
                if (block.Name is null)
                {
                    problems.Add($"{where}: a C# block without <!-- snippet: name --> above it; show a region of docs/Samples instead.");
                }
                else if (!SampleRegions.All.TryGetValue(block.Name, out var region))
                {
                    problems.Add($"{where}: no region '{block.Name}' in docs/Samples.");
                }
                else if (block.Code != region && update)
                {
                    lines.RemoveRange(block.FenceLine + 1, block.CodeLines);
                    lines.InsertRange(block.FenceLine + 1, region.Split('\n'));
                }
                else if (block.Code != region)
                {
                    problems.Add($"{where}: '{block.Name}' differs from docs/Samples; it compiles as:\n{region}");
                }
            }

            if (update)
            {
                File.WriteAllText(page, string.Join('\n', lines), new UTF8Encoding(false));
            }
        }

        Assert.True(problems.Count == 0, string.Join("\n\n", problems));
    }

    [Fact]
    public void EverySampleRegion_IsShownSomewhere()
    {
        var shown = Pages.SelectMany(p => MarkdownSnippets.Of(File.ReadAllText(p))).Select(b => b.Name).ToHashSet(StringComparer.Ordinal);

        var unshown = SampleRegions.All.Keys.Where(name => !shown.Contains(name)).ToList();

        Assert.True(unshown.Count == 0, "Regions of docs/Samples no page shows: " + string.Join(", ", unshown));
    }

    [Fact]
    public void TheChecks_SeeABlockThatDrifted()
    {
        const string Page = "Text\n\n<!-- snippet: send -->\n```csharp\nawait bus.SendAsync(old);\n```\n\n```csharp\nvar loose = 1;\n```\n";

        var blocks = MarkdownSnippets.Of(Page);

        Assert.Equal([("send", "await bus.SendAsync(old);", 3, 1), (null, "var loose = 1;", 7, 1)], blocks.Select(b => (b.Name, b.Code, b.FenceLine, b.CodeLines)));
        Assert.NotEqual(SampleRegions.All["send"], blocks[0].Code);
    }

    [Fact]
    public void LinksBetweenThePages_PointAtFilesThatExist()
    {
        var broken = from page in Pages
                     from link in System.Text.RegularExpressions.Regex.Matches(File.ReadAllText(page), @"\]\(([^)#\s]+\.md)(#[^)]*)?\)")
                     let target = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(page)!, link.Groups[1].Value))
                     where !link.Groups[1].Value.StartsWith("http", StringComparison.Ordinal) && !File.Exists(target)
                     select $"{Path.GetRelativePath(Repository.Root, page)}: {link.Groups[1].Value}";

        Assert.Empty(broken);
    }
}
