using System.Text.RegularExpressions;
using Markdig;
using Markdig.Syntax;

namespace ServerlessCqrs.Docs.Tests;

/// <summary>
/// The C# code blocks of a Markdown file (parsed with Markdig), each with the sample region it shows:
/// the HTML comment <c>&lt;!-- snippet: name --&gt;</c> right above the fence names it.
/// </summary>
internal static partial class MarkdownSnippets
{
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder().Build();

    /// <summary>A C# block: the region it names (null when none), its code, its fence's line (0-based) and how many lines of code it holds.</summary>
    public sealed record Block(string? Name, string Code, int FenceLine, int CodeLines);

    public static IReadOnlyList<Block> Of(string markdown)
    {
        var blocks = new List<Block>();
        string? marked = null;
        foreach (var block in Markdown.Parse(markdown, Pipeline).Descendants<LeafBlock>())
        {
            if (block is FencedCodeBlock { Info: "csharp" or "cs" or "c#" } fence)
            {
                var lines = fence.Lines.Count == 0 ? [] : fence.Lines.Lines.Take(fence.Lines.Count).Select(l => l.ToString()).ToList();
                blocks.Add(new Block(marked, string.Join('\n', lines), fence.Line, lines.Count));
            }

            marked = block is HtmlBlock html && Marker().Match(markdown.Substring(html.Span.Start, html.Span.Length).Trim()) is { Success: true } marker
                ? marker.Groups[1].Value
                : null;
        }

        return blocks;
    }

    [GeneratedRegex(@"^<!--\s*snippet:\s*([a-z0-9-]+)\s*-->$")]
    private static partial Regex Marker();
}
