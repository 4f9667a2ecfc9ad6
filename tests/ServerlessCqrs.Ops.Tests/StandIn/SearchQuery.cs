using System.Diagnostics.CodeAnalysis;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace ServerlessCqrs.Ops.Tests.StandIn;

/// <summary>
/// The part of OpenObserve's SQL the stand-in runs: <c>SELECT COUNT(*) AS n | * | fields FROM "stream"</c>
/// with <c>WHERE</c> equalities and <c>IS NOT NULL</c> joined by <c>AND</c>, then <c>LIMIT</c>. Enough to
/// look records up by a tag, as a smoke test does; anything else is refused rather than answered wrongly.
/// </summary>
public sealed partial record SearchQuery(string Select, string Stream, IReadOnlyList<(string Field, string? Value)> Conditions, int? Limit)
{
    public static bool TryParse(string sql, [NotNullWhen(true)] out SearchQuery? query)
    {
        query = null;
        var match = Shape().Match(sql);
        if (!match.Success)
        {
            return false;
        }

        var conditions = new List<(string, string?)>();
        if (match.Groups["where"].Success)
        {
            foreach (var part in And().Split(match.Groups["where"].Value))
            {
                var condition = Condition().Match(part);
                if (!condition.Success)
                {
                    return false;
                }

                conditions.Add((condition.Groups["field"].Value, condition.Groups["value"].Success ? condition.Groups["value"].Value.Replace("''", "'", StringComparison.Ordinal) : null));
            }
        }

        query = new SearchQuery(match.Groups["select"].Value.Trim(), match.Groups["stream"].Value, conditions,
            match.Groups["limit"].Success ? int.Parse(match.Groups["limit"].Value, System.Globalization.CultureInfo.InvariantCulture) : null);
        return true;
    }

    /// <summary>The field a condition names that <paramref name="schema"/> lacks, or null.</summary>
    public string? UnknownField(ICollection<string> schema) => Conditions.Select(c => c.Field).FirstOrDefault(f => !schema.Contains(f));

    /// <summary>The hits for <paramref name="records"/>.</summary>
    public IReadOnlyList<JsonObject> Run(IEnumerable<JsonObject> records)
    {
        var matching = records.Where(r => Conditions.All(c => c.Value is null ? r[c.Field] is not null : r[c.Field]?.ToString() == c.Value)).ToArray();
        if (Count().Match(Select) is { Success: true } count)
        {
            return [new JsonObject { [count.Groups["alias"].Value] = matching.Length }];
        }

        var limited = matching.OrderByDescending(r => (long?)r["_timestamp"]).Take(Limit ?? 100);
        return [.. limited.Select(r => (JsonObject)r.DeepClone())];
    }

    [GeneratedRegex(@"^\s*SELECT\s+(?<select>.+?)\s+FROM\s+""?(?<stream>[A-Za-z0-9_:]+)""?(\s+WHERE\s+(?<where>.+?))?(\s+LIMIT\s+(?<limit>\d+))?\s*$",
        RegexOptions.IgnoreCase | RegexOptions.Singleline)]
    private static partial Regex Shape();

    [GeneratedRegex(@"\s+AND\s+", RegexOptions.IgnoreCase)]
    private static partial Regex And();

    [GeneratedRegex(@"^\s*""?(?<field>[A-Za-z0-9_]+)""?\s*(=\s*'(?<value>(?:[^']|'')*)'|IS\s+NOT\s+NULL)\s*$", RegexOptions.IgnoreCase)]
    private static partial Regex Condition();

    [GeneratedRegex(@"^COUNT\(\*\)\s+AS\s+(?<alias>[A-Za-z_][A-Za-z0-9_]*)$", RegexOptions.IgnoreCase)]
    private static partial Regex Count();
}
