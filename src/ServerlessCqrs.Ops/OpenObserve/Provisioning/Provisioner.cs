using System.Globalization;
using System.Text.Json.Nodes;

namespace ServerlessCqrs.Ops.OpenObserve.Provisioning;

/// <summary>
/// Makes OpenObserve hold the catalog, idempotently: reads what is there, matches by name (a dashboard by
/// title), creates what is missing, updates by id what differs (a dashboard with the hash it was read with)
/// and leaves the rest alone — so a second run sends nothing. Alert names are not unique in OpenObserve;
/// when several share a name the first is updated and the others are reported. In a dry run every write is
/// handed to <c>onDryRun</c> instead of being sent.
/// </summary>
internal sealed class Provisioner(OpenObserveClient client, IProgress<string> progress, bool dryRun, Action<ProvisionRequest> onDryRun)
{
    private const string Folder = "default";
    private readonly List<ProvisionChange> _changes = [];

    /// <summary>The number of objects <see cref="ApplyAsync"/> reports progress for.</summary>
    public static int StepsOf(TelemetryCatalog catalog) =>
        catalog.Streams.Count + (catalog.Template is null ? 0 : 1) + (catalog.Destination is null ? 0 : 1) + catalog.Alerts.Count + catalog.Dashboards.Count;

    /// <summary>Provisions <paramref name="catalog"/> and says what happened to each object.</summary>
    public async Task<IReadOnlyList<ProvisionChange>> ApplyAsync(TelemetryCatalog catalog, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        await StreamsAsync(catalog.Streams, cancellationToken);
        if (catalog.Template is { } template && catalog.Destination is { } destination)
        {
            await ByNameAsync("template", template, $"{client.Api}/alerts/templates", $"{client.Api}/alerts/templates", cancellationToken);
            await ByNameAsync("destination", destination, $"{client.Api}/alerts/destinations?module=alert", $"{client.Api}/alerts/destinations", cancellationToken);
            foreach (var alert in catalog.Alerts)
            {
                await AlertAsync(alert, cancellationToken);
            }
        }
        else
        {
            _changes.Add(new("alert", "(all seven)", ProvisionAction.Skipped, "no webhook: pass --destination-url or set OPENOBSERVE_ALERT_WEBHOOK_URL"));
        }

        foreach (var dashboard in catalog.Dashboards)
        {
            await DashboardAsync(dashboard, cancellationToken);
        }

        return _changes;
    }

    private async Task StreamsAsync(IReadOnlyList<StreamSpec> streams, CancellationToken cancellationToken)
    {
        foreach (var type in streams.Select(s => s.Type).Distinct())
        {
            var listed = await client.SendAsync(HttpMethod.Get, $"{client.Api}/streams?type={type}&fetchSchema=true", null, cancellationToken);
            var existing = Items(listed?["list"]).ToDictionary(s => (string?)s["name"] ?? "", StringComparer.Ordinal);
            foreach (var spec in streams.Where(s => s.Type == type))
            {
                var path = $"{client.Api}/streams/{Uri.EscapeDataString(spec.Name)}";
                if (!existing.TryGetValue(spec.Name, out var stream))
                {
                    await WriteAsync(HttpMethod.Post, $"{path}?type={type}", spec.CreateBody(), cancellationToken);
                    Done(new($"{type} stream", spec.Name, ProvisionAction.Created, $"{spec.Fields.Count} fields, {spec.RetentionDays} days"));
                    continue;
                }

                var (update, detail) = StreamUpdate(spec, stream);
                if (update.Count == 0)
                {
                    Done(new($"{type} stream", spec.Name, ProvisionAction.Unchanged));
                    continue;
                }

                await WriteAsync(HttpMethod.Put, $"{path}/settings?type={type}", update, cancellationToken);
                Done(new($"{type} stream", spec.Name, ProvisionAction.Updated, detail));
            }
        }
    }

    /// <summary>The settings update (fields and bloom filters are only ever added) and what it changes.</summary>
    private static (JsonObject Update, string Detail) StreamUpdate(StreamSpec spec, JsonObject stream)
    {
        var update = new JsonObject();
        var details = new List<string>();
        var fields = Items(stream["schema"]).Select(f => (string?)f["name"]).ToHashSet(StringComparer.Ordinal);
        var missing = spec.Fields.Where(f => !fields.Contains(f.Name)).ToArray();
        if (missing.Length > 0)
        {
            update["fields"] = new JsonObject { ["add"] = new JsonArray([.. missing.Select(f => (JsonNode)new JsonObject { ["name"] = f.Name, ["type"] = f.Type })]) };
            details.Add($"+{missing.Length} field{(missing.Length == 1 ? "" : "s")} ({string.Join(", ", missing.Select(f => f.Name))})");
        }

        var retention = stream["settings"]?["data_retention"]?.GetValue<long>() ?? 0;
        if (retention != spec.RetentionDays)
        {
            update["data_retention"] = spec.RetentionDays;
            details.Add($"retention {retention} → {spec.RetentionDays} days");
        }

        var blooms = (stream["settings"]?["bloom_filter_fields"] as JsonArray ?? []).Select(b => b?.ToString()).ToHashSet(StringComparer.Ordinal);
        var missingBlooms = spec.BloomFilterFields.Where(b => !blooms.Contains(b)).ToArray();
        if (missingBlooms.Length > 0)
        {
            update["bloom_filter_fields"] = new JsonObject { ["add"] = new JsonArray([.. missingBlooms.Select(b => (JsonNode)b)]) };
            details.Add($"bloom filter on {string.Join(", ", missingBlooms)}");
        }

        return (update, string.Join("; ", details));
    }

    /// <summary>A template or destination: listed as a bare array, created by POST, updated by PUT to its name.</summary>
    private async Task ByNameAsync(string kind, NamedBody desired, string listPath, string path, CancellationToken cancellationToken)
    {
        var existing = Items(await client.SendAsync(HttpMethod.Get, listPath, null, cancellationToken)).FirstOrDefault(i => (string?)i["name"] == desired.Name);
        if (existing is null)
        {
            await WriteAsync(HttpMethod.Post, path, desired.Body, cancellationToken);
            Done(new(kind, desired.Name, ProvisionAction.Created));
            return;
        }

        await UpdateIfDifferentAsync(kind, desired, existing, HttpMethod.Put, $"{path}/{Uri.EscapeDataString(desired.Name)}", cancellationToken);
    }

    private async Task AlertAsync(NamedBody desired, CancellationToken cancellationToken)
    {
        var api = $"api/v2/{Uri.EscapeDataString(client.Organization)}/alerts";
        var listed = await client.SendAsync(
            HttpMethod.Get, $"{api}?folder={Folder}&alert_name_substring={Uri.EscapeDataString(desired.Name)}", null, cancellationToken);
        var namesakes = Items(listed?["list"]).Where(a => (string?)a["name"] == desired.Name).ToArray();
        if (namesakes.Length == 0)
        {
            await WriteAsync(HttpMethod.Post, $"{api}?folder={Folder}", desired.Body, cancellationToken);
            Done(new("alert", desired.Name, ProvisionAction.Created));
            return;
        }

        var id = Uri.EscapeDataString((string?)namesakes[0]["alert_id"] ?? "");
        var stored = await client.SendAsync(HttpMethod.Get, $"{api}/{id}", null, cancellationToken);
        var note = namesakes.Length > 1 ? $"{namesakes.Length} alerts have this name; the first was compared, the others left alone" : null;
        await UpdateIfDifferentAsync("alert", desired, stored, HttpMethod.Put, $"{api}/{id}", cancellationToken, note);
    }

    private async Task DashboardAsync(NamedBody desired, CancellationToken cancellationToken)
    {
        var listed = await client.SendAsync(HttpMethod.Get, $"{client.Api}/dashboards?folder={Folder}", null, cancellationToken);
        var match = Items(listed?["dashboards"]).FirstOrDefault(d => (string?)d["title"] == desired.Name);
        if (match is null)
        {
            await WriteAsync(HttpMethod.Post, $"{client.Api}/dashboards?folder={Folder}", desired.Body, cancellationToken);
            Done(new("dashboard", desired.Name, ProvisionAction.Created));
            return;
        }

        // Read it alone for the latest hash; an update must quote it.
        var id = Uri.EscapeDataString((string?)match["dashboard_id"] ?? "");
        var stored = await client.SendAsync(HttpMethod.Get, $"{client.Api}/dashboards/{id}", null, cancellationToken);
        var hash = Uri.EscapeDataString(stored?["hash"]?.ToString() ?? "");
        await UpdateIfDifferentAsync("dashboard", desired, stored?["v8"], HttpMethod.Put, $"{client.Api}/dashboards/{id}?folder={Folder}&hash={hash}", cancellationToken);
    }

    private async Task UpdateIfDifferentAsync(
        string kind, NamedBody desired, JsonNode? stored, HttpMethod method, string path, CancellationToken cancellationToken, string? note = null)
    {
        var differences = JsonSubset.Differences(desired.Body, stored);
        if (differences.Count == 0)
        {
            Done(new(kind, desired.Name, ProvisionAction.Unchanged, note ?? ""));
            return;
        }

        await WriteAsync(method, path, desired.Body, cancellationToken);
        var changed = string.Join(", ", differences.Take(3)) + (differences.Count > 3 ? $" and {differences.Count - 3} more" : "");
        Done(new(kind, desired.Name, ProvisionAction.Updated, note is null ? $"changed: {changed}" : $"changed: {changed}; {note}"));
    }

    private async Task WriteAsync(HttpMethod method, string path, JsonObject body, CancellationToken cancellationToken)
    {
        if (dryRun)
        {
            onDryRun(new ProvisionRequest(method, "/" + path, body));
            return;
        }

        await client.SendAsync(method, path, body, cancellationToken);
    }

    private void Done(ProvisionChange change)
    {
        _changes.Add(change);
        var verb = change.Action.ToString().ToLower(CultureInfo.InvariantCulture);
        progress.Report($"{change.Kind} {change.Name}: {(dryRun && change.Action is ProvisionAction.Created or ProvisionAction.Updated ? "would be " + verb : verb)}");
    }

    private static IEnumerable<JsonObject> Items(JsonNode? node) => node is JsonArray array ? array.OfType<JsonObject>() : [];
}
