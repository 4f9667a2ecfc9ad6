using System.Text.Json.Nodes;

namespace ServerlessCqrs.Ops.OpenObserve.Provisioning;

/// <summary>
/// Builds a version 8 dashboard: one tab of panels laid out two to a row on OpenObserve's 192-column grid,
/// each with one custom PromQL or SQL query.
/// </summary>
internal sealed class DashboardBuilder(string title, string description)
{
    private const int Width = 96;
    private const int Height = 18;
    private readonly List<JsonNode> _panels = [];

    /// <summary>A panel of a PromQL query over a metric stream.</summary>
    public DashboardBuilder PromQl(string title, string description, string type, string metricStream, string query, string legend, string unit) =>
        Panel(title, description, type, unit, "promql", metricStream, "metrics", query, legend);

    /// <summary>A panel of a SQL query over a log stream.</summary>
    public DashboardBuilder Sql(string title, string description, string type, string logStream, string query) =>
        Panel(title, description, type, unit: null, "sql", logStream, "logs", query, legend: "");

    /// <summary>The dashboard's body, as created and updated.</summary>
    public NamedBody Build() => new(title, new JsonObject
    {
        ["version"] = 8,
        ["title"] = title,
        ["description"] = description,
        ["tabs"] = new JsonArray(new JsonObject
        {
            ["tabId"] = "default",
            ["name"] = "Default",
            ["panels"] = new JsonArray([.. _panels]),
        }),
        ["defaultDatetimeDuration"] = new JsonObject { ["type"] = "relative", ["relativeTimePeriod"] = "1h" },
    });

    private DashboardBuilder Panel(
        string title, string description, string type, string? unit, string queryType, string stream, string streamType, string query, string legend)
    {
        var index = _panels.Count;
        var config = new JsonObject { ["show_legends"] = true };
        if (unit is not null)
        {
            config["unit"] = unit;
        }

        _panels.Add(new JsonObject
        {
            ["id"] = $"Panel_ID_{index + 1}",
            ["type"] = type,
            ["title"] = title,
            ["description"] = description,
            ["config"] = config,
            ["queryType"] = queryType,
            ["queries"] = new JsonArray(new JsonObject
            {
                ["query"] = query,
                ["vrlFunctionQuery"] = "",
                ["customQuery"] = true,
                ["fields"] = new JsonObject
                {
                    ["stream"] = stream,
                    ["stream_type"] = streamType,
                    ["x"] = new JsonArray(),
                    ["y"] = new JsonArray(),
                    ["z"] = new JsonArray(),
                    ["filter"] = new JsonObject { ["filterType"] = "group", ["logicalOperator"] = "AND", ["conditions"] = new JsonArray() },
                },
                ["config"] = new JsonObject { ["promql_legend"] = legend },
            }),
            ["layout"] = new JsonObject { ["x"] = index % 2 * Width, ["y"] = index / 2 * Height, ["w"] = Width, ["h"] = Height, ["i"] = index + 1 },
        });
        return this;
    }
}
