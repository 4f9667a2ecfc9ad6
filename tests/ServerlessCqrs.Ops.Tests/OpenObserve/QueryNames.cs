using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using ServerlessCqrs.Ops.Tests.StandIn;

namespace ServerlessCqrs.Ops.Tests.OpenObserve;

/// <summary>
/// The names a PromQL or SQL query relies on — metrics, labels, streams, fields — that no record in the
/// stand-in carries. Only records count, not declared schemas: provisioning declares fields itself.
/// </summary>
public static partial class QueryNames
{
    private static readonly HashSet<string> PromQlWords = ["sum", "by", "without", "rate", "increase", "histogram_quantile", "avg", "min", "max"];

    private static readonly HashSet<string> SqlWords = new(StringComparer.OrdinalIgnoreCase)
    {
        "select", "from", "where", "is", "not", "null", "and", "or", "group", "by", "order", "asc", "desc", "limit", "count", "as", "having",
    };

    /// <summary>Every query of the stored alerts and dashboards, with its kind (<c>promql</c> or <c>sql</c>) and where it is.</summary>
    public static IEnumerable<(string Where, string Kind, string Query)> Provisioned(StandInState state)
    {
        foreach (var alert in state.Alerts.Values)
        {
            var condition = alert["query_condition"]!;
            var kind = (string)condition["type"]!;
            yield return ($"alert {alert["name"]}", kind, (string)condition[kind]!);
        }

        foreach (var dashboard in state.Dashboards.Values)
        {
            foreach (var panel in dashboard.V8["tabs"]!.AsArray().SelectMany(t => t!["panels"]!.AsArray()))
            {
                foreach (var query in panel!["queries"]!.AsArray())
                {
                    yield return ($"panel {panel["title"]}", (string)panel["queryType"]!, (string)query!["query"]!);
                }
            }
        }
    }

    /// <summary>The names <paramref name="query"/> uses that the stand-in's records do not have.</summary>
    public static IReadOnlyList<string> Unknown(string kind, string query, StandInState state) =>
        kind == "promql" ? UnknownInPromQl(query, state) : UnknownInSql(query, state);

    private static string[] UnknownInPromQl(string query, StandInState state)
    {
        var names = Identifier().Matches(QuotedText().Replace(query, "")).Select(m => m.Value).Where(n => !PromQlWords.Contains(n)).Distinct().ToArray();
        var metrics = names.Where(n => Records(state, "metrics", n).Count > 0).ToArray();
        var labels = metrics.SelectMany(m => Records(state, "metrics", m)).SelectMany(r => r.Select(p => p.Key)).ToHashSet();
        return [.. names.Except(metrics).Where(n => !labels.Contains(n))];
    }

    private static string[] UnknownInSql(string query, StandInState state)
    {
        var text = QuotedSqlText().Replace(query, "");
        var stream = From().Match(text).Groups["stream"].Value;
        var records = Records(state, "logs", stream);
        if (records.Count == 0)
        {
            return [$"stream {stream}"];
        }

        var aliases = Alias().Matches(text).Select(m => m.Groups["alias"].Value).ToHashSet();
        var fields = records.SelectMany(r => r.Select(p => p.Key)).ToHashSet();
        return
        [
            .. Identifier().Matches(From().Replace(text, ""))
                .Select(m => m.Value)
                .Where(n => !SqlWords.Contains(n) && !aliases.Contains(n) && !fields.Contains(n))
                .Distinct(),
        ];
    }

    private static IReadOnlyList<JsonObject> Records(StandInState state, string type, string stream) =>
        state.Streams.TryGetValue((type, stream), out var found) ? found.Records : [];

    [GeneratedRegex(@"(?<![\w.])[a-zA-Z_][a-zA-Z0-9_]*")]
    private static partial Regex Identifier();

    [GeneratedRegex(@"""[^""]*""")]
    private static partial Regex QuotedText();

    [GeneratedRegex(@"'[^']*'")]
    private static partial Regex QuotedSqlText();

    [GeneratedRegex(@"FROM\s+""?(?<stream>[A-Za-z0-9_:]+)""?", RegexOptions.IgnoreCase)]
    private static partial Regex From();

    [GeneratedRegex(@"\bAS\s+""?(?<alias>\w+)""?", RegexOptions.IgnoreCase)]
    private static partial Regex Alias();
}
