using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Configuration;
using ServerlessCqrs.Observability;
using ServerlessCqrs.Ops.Cli;
using ServerlessCqrs.Ops.OpenObserve.Provisioning;
using ServerlessCqrs.Ops.OpenObserve.Smoke;

namespace ServerlessCqrs.Ops.OpenObserve;

/// <summary><c>openobserve provision|check|smoke</c>, with the settings the app exports with.</summary>
internal static class OpenObserveCommands
{
    private const string WebhookSetting = "OPENOBSERVE_ALERT_WEBHOOK_URL";
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public static Command Create(OpsContext context) => new("openobserve",
        "Provisions, checks and smoke-tests OpenObserve with the settings the app exports with (OPENOBSERVE_URL, OPENOBSERVE_ORGANIZATION, " +
        "OPENOBSERVE_USER and OPENOBSERVE_PASSWORD or OPENOBSERVE_TOKEN, CQRS_STREAM_*).")
    {
        Provision(context),
        Check(context),
        Smoke(context),
    };

    /// <summary>The app's OpenObserve settings.</summary>
    /// <exception cref="OpsException">They are missing or invalid.</exception>
    public static OpenObserveSettings SettingsOf(IConfiguration configuration)
    {
        try
        {
            return OpenObserveSettings.Read(configuration)
                ?? throw new OpsException("OPENOBSERVE_URL is not set: point it at OpenObserve, with OPENOBSERVE_ORGANIZATION and the credentials.");
        }
        catch (InvalidOperationException invalid)
        {
            throw new OpsException(invalid.Message, invalid);
        }
    }

    private static Command Provision(OpsContext context)
    {
        var dryRun = new Option<bool>("--dry-run") { Description = "Print the JSON provisioning would send, and send none (it still reads what is there)." };
        var destination = new Option<Uri?>("--destination-url")
        {
            Description = $"The webhook alerts are posted to (default {WebhookSetting}); without one, no alerts are provisioned.",
            CustomParser = result => WebhookUrl(result.Tokens[0].Value) ?? Invalid<Uri?>(result, "--destination-url must be an absolute http(s) URL."),
        };
        var retention = new Option<int>("--retention-days") { Description = "How long the streams keep data, in days (default 30).", DefaultValueFactory = _ => 30 };
        retention.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() is < 1 or > 3650)
            {
                result.AddError("--retention-days must be from 1 to 3650.");
            }
        });
        var command = new Command("provision",
            "Creates or updates the log streams with the fields the product logs, the traces stream, the alert webhook and template, " +
            "the seven alerts and the four dashboards. Idempotent: a second run changes nothing.") { dryRun, destination, retention };
        command.SetWork(context, async (parse, cancellationToken) =>
        {
            var settings = SettingsOf(context.Configuration);
            var webhook = parse.GetValue(destination) ?? WebhookFromSettings(context.Configuration);
            var catalog = TelemetryCatalog.Create(settings, new ProvisionOptions(webhook, parse.GetValue(retention)));
            using var client = new OpenObserveClient(settings);
            var planned = new List<ProvisionRequest>();
            var changes = await context.Console.ProgressAsync($"Provisioning OpenObserve at {client.Url}", Provisioner.StepsOf(catalog), progress =>
                new Provisioner(client, progress, parse.GetValue(dryRun), planned.Add).ApplyAsync(catalog, cancellationToken));
            foreach (var request in planned)
            {
                context.Console.Line($"{request.Method} {request.Path}");
                context.Console.Line(JsonSerializer.Serialize(request.Body, Indented));
            }

            Report(context.Console, changes, parse.GetValue(dryRun), client);
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command Check(OpsContext context)
    {
        var command = new Command("check", "Checks that OpenObserve is up, takes the credentials and has the organization; names each failure.");
        command.SetWork(context, async (_, cancellationToken) =>
        {
            var settings = SettingsOf(context.Configuration);
            using var client = new OpenObserveClient(settings);
            try
            {
                await client.HealthAsync(cancellationToken);
                context.Console.Success($"OpenObserve at {client.Url} is up (/healthz).");
            }
            catch (OpenObserveException down)
            {
                context.Console.Failure(down.Message);
                context.Console.Failure("Credentials and organization not checked: the server is not answering.");
                return ExitCodes.Failure;
            }

            try
            {
                var streams = await client.SendAsync(HttpMethod.Get, $"{client.Api}/streams", null, cancellationToken);
                context.Console.Success("The credentials are accepted.");
                context.Console.Success($"Organization '{client.Organization}' exists ({streams?["list"]?.AsArray().Count ?? 0} streams).");
                return ExitCodes.Success;
            }
            catch (OpenObserveException refused) when (refused.Status == System.Net.HttpStatusCode.Unauthorized)
            {
                context.Console.Failure(refused.Message);
                context.Console.Failure($"Organization '{client.Organization}' not checked: the credentials were refused.");
            }
            catch (OpenObserveException unknown) when (unknown.Status == System.Net.HttpStatusCode.NotFound)
            {
                context.Console.Success("The credentials are accepted.");
                context.Console.Failure(unknown.Message);
            }

            return ExitCodes.Failure;
        });
        return command;
    }

    private static Command Smoke(OpsContext context)
    {
        var wait = new Option<TimeSpan>("--wait")
        {
            Description = "How long to wait for OpenObserve to show the batch, for example 30s or 2m (default 30s).",
            DefaultValueFactory = _ => TimeSpan.FromSeconds(30),
            CustomParser = Durations.Parse,
        };
        var command = new Command("smoke",
            "Sends a uniquely tagged batch of logs, traces and metrics through the app's own telemetry pipeline and exporter settings, " +
            "queries each back (SQL over the log streams and traces, PromQL for a metric) and prints pass or fail per signal.") { wait };
        command.SetWork(context, async (parse, cancellationToken) =>
        {
            var settings = SettingsOf(context.Configuration);
            var runId = $"smoke-{Guid.NewGuid():N}"[..22];
            var sentAt = DateTimeOffset.UtcNow;
            context.Console.Line($"Sending a batch tagged {SmokeSender.RunAttribute}={runId} to OpenObserve at {settings.Url} (organization '{settings.Organization}').");
            await SmokeSender.SendAsync(context.Configuration, runId, cancellationToken);
            using var client = new OpenObserveClient(settings);
            var checks = new SmokeChecks(client, settings, runId, sentAt);
            var results = await context.Console.ProgressAsync("Querying OpenObserve for the batch", checks.Signals.Count,
                progress => checks.WaitAsync(parse.GetValue(wait), context.Time, progress, cancellationToken));
            foreach (var result in results)
            {
                if (result.FoundAfter is { } after)
                {
                    context.Console.Success($"pass  {result.Signal.Name}: found after {Durations.Format(after)}");
                }
                else
                {
                    context.Console.Failure($"fail  {result.Signal.Name}: nothing tagged {runId} within {Durations.Format(parse.GetValue(wait))} ({result.Signal.Query})");
                }
            }

            return results.All(r => r.FoundAfter is not null) ? ExitCodes.Success : ExitCodes.Failure;
        });
        return command;
    }

    private static void Report(OpsConsole console, IReadOnlyList<ProvisionChange> changes, bool dryRun, OpenObserveClient client)
    {
        var table = console.Table("Kind", "Name", "Result", "Detail");
        foreach (var change in changes)
        {
            var action = change.Action.ToString().ToLower(CultureInfo.InvariantCulture);
            console.AddRow(table, change.Kind, change.Name, dryRun && change.Action is ProvisionAction.Created or ProvisionAction.Updated ? "would be " + action : action, change.Detail);
        }

        console.Write(table);
        int Count(ProvisionAction action) => changes.Count(c => c.Action == action);
        var summary = $"{Count(ProvisionAction.Created)} created, {Count(ProvisionAction.Updated)} updated, {Count(ProvisionAction.Unchanged)} unchanged";
        if (dryRun)
        {
            console.Success($"Dry run against {client.Url} (organization '{client.Organization}'): nothing was sent. It would leave {summary}.");
        }
        else
        {
            console.Success($"Provisioned OpenObserve at {client.Url} (organization '{client.Organization}'): {summary}.");
        }

        foreach (var skipped in changes.Where(c => c.Action == ProvisionAction.Skipped))
        {
            console.Warning($"{skipped.Kind} {skipped.Name} skipped: {skipped.Detail}.");
        }
    }

    private static Uri? WebhookFromSettings(IConfiguration configuration) => configuration[WebhookSetting] is { Length: > 0 } text
        ? WebhookUrl(text) ?? throw new OpsException($"{WebhookSetting} must be an absolute http(s) URL.")
        : null;

    private static Uri? WebhookUrl(string text) =>
        Uri.TryCreate(text, UriKind.Absolute, out var url) && url.Scheme is "http" or "https" ? url : null;

    private static T Invalid<T>(System.CommandLine.Parsing.ArgumentResult result, string error)
    {
        result.AddError(error);
        return default!;
    }
}
