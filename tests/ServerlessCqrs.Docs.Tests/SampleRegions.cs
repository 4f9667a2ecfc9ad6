using System.Text.RegularExpressions;

namespace ServerlessCqrs.Docs.Tests;

/// <summary>The <c>#region name</c> blocks of the compiled samples under <c>docs/Samples</c>, each dedented to its least indent.</summary>
internal static partial class SampleRegions
{
    public static string Folder { get; } = Repository.PathOf("docs/Samples");

    public static IReadOnlyDictionary<string, string> All { get; } = Read();

    private static Dictionary<string, string> Read()
    {
        var regions = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var file in Directory.EnumerateFiles(Folder, "*.cs", SearchOption.AllDirectories).Where(f => !f.Contains("/obj/", StringComparison.Ordinal)))
        {
            var lines = File.ReadAllLines(file);
            for (var start = 0; start < lines.Length; start++)
            {
                if (Start().Match(lines[start]) is not { Success: true } region)
                {
                    continue;
                }

                var end = Array.FindIndex(lines, start + 1, l => l.Trim() == "#endregion");
                if (end < 0)
                {
                    throw new InvalidOperationException($"{file}:{start + 1}: #region {region.Groups[1].Value} has no #endregion.");
                }

                if (!regions.TryAdd(region.Groups[1].Value, Dedent(lines[(start + 1)..end])))
                {
                    throw new InvalidOperationException($"{file}:{start + 1}: a second region named {region.Groups[1].Value}.");
                }

                start = end;
            }
        }

        return regions;
    }

    private static string Dedent(string[] lines)
    {
        var indent = lines.Where(l => l.Trim().Length > 0).Select(l => l.Length - l.TrimStart().Length).DefaultIfEmpty(0).Min();
        return string.Join('\n', lines.Select(l => l.Length >= indent ? l[indent..] : l.TrimStart()));
    }

    [GeneratedRegex(@"^\s*#region ([a-z0-9-]+)\s*$")]
    private static partial Regex Start();
}
