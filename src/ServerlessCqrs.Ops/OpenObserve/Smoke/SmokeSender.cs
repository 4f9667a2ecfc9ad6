using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OpenTelemetry;
using OpenTelemetry.Resources;
using ServerlessCqrs.Ops.Cli;

namespace ServerlessCqrs.Ops.OpenObserve.Smoke;

/// <summary>
/// Sends one batch of telemetry tagged with a run id through the product's own pipeline: a kernel with the
/// app's exporter settings (<c>AddServerlessCqrsTelemetry</c>, every trace sampled) handles a command, a
/// query and an in-process event, and stopping the host flushes the logs, spans and metrics they made.
/// The run id is a resource attribute, so every record of the batch carries it and nothing else does.
/// </summary>
internal static class SmokeSender
{
    /// <summary>The resource attribute that tags the batch.</summary>
    public const string RunAttribute = "cqrs.smoke.run";

    /// <summary>The app's settings the exporter reads; nothing else (stores, transports) reaches the smoke kernel.</summary>
    private static readonly string[] ExporterPrefixes = ["OPENOBSERVE_", "CQRS_STREAM_", "SERVICE_", "ENVIRONMENT", "DOTNET_ENVIRONMENT", "ASPNETCORE_ENVIRONMENT"];

    public static async Task SendAsync(IConfiguration appConfiguration, string runId, CancellationToken cancellationToken)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(appConfiguration.AsEnumerable()
            .Where(setting => ExporterPrefixes.Any(prefix => setting.Key.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))));
        builder.Configuration["OPENOBSERVE_TRACING_ENABLED"] = "true";
        builder.Configuration["OPENOBSERVE_TRACING_SAMPLING_RATE"] = "1";
        builder.Services.AddSingleton<SmokeEventHandled>();
        builder.Services.AddServerlessCqrs(options => options.AutoDiscoverHandlers = false)
            .AddHandler<SmokeCommandHandler>()
            .AddHandler<SmokeQueryHandler>()
            .AddHandler<SmokeEventHandler>();
        builder.Services.AddServerlessCqrsTelemetry(builder.Configuration,
            telemetry => telemetry.ConfigureResource(resource => resource.AddAttributes([new(RunAttribute, runId)])));

        using var host = builder.Build();
        await host.StartAsync(cancellationToken);
        try
        {
            var services = host.Services;
            var sent = await services.GetRequiredService<ICommandBus>().SendAsync(new SmokeCommand(), cancellationToken);
            Require(sent.Error, "command");
            var answered = await services.GetRequiredService<IQueryBus>().QueryAsync(new SmokeQuery(), cancellationToken);
            Require(answered.Error, "query");
            await services.GetRequiredService<IEventPublisher>().PublishAsync([new SmokeEvent { OccurredAt = DateTimeOffset.UtcNow }], cancellationToken);
            await services.GetRequiredService<SmokeEventHandled>().Completion.Task.WaitAsync(cancellationToken);
        }
        finally
        {
            // Stopping and disposing the host flushes every exporter.
            await host.StopAsync(CancellationToken.None);
        }
    }

    private static void Require(Error? error, string what)
    {
        if (error is not null)
        {
            throw new OpsException($"The smoke {what} failed in the kernel: {error}");
        }
    }
}
