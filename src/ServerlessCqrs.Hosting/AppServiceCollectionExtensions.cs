using Microsoft.Extensions.Configuration;
using OpenTelemetry;
using ServerlessCqrs;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>The one composition every host of a ServerlessCqrs app starts from.</summary>
public static class AppServiceCollectionExtensions
{
    /// <summary>
    /// Adds the kernel; Redis as the query cache's second level when <c>ConnectionStrings:Redis</c> is set;
    /// the store and transport <see cref="CqrsBuilder.StoreKey"/> and <see cref="CqrsBuilder.TransportKey"/>
    /// name (in memory and in process when unset; Table Storage, Storage Queues or Service Bus otherwise); and
    /// telemetry export when <c>OPENOBSERVE_URL</c> (or <c>OTEL_EXPORTER_OTLP_ENDPOINT</c>) is set. Add the
    /// domain to the builder it returns. Background work runs only where the host asks for it
    /// (<see cref="CqrsBuilder.RunBackgroundWork"/>); a Functions app runs it from triggers.
    /// </summary>
    /// <param name="services">The host's services.</param>
    /// <param name="configuration">The host's settings.</param>
    /// <param name="configureTelemetry">Host-specific telemetry, such as ASP.NET Core or Functions instrumentation.</param>
    public static CqrsBuilder AddServerlessCqrsApp(
        this IServiceCollection services, IConfiguration configuration, Action<IOpenTelemetryBuilder>? configureTelemetry = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        var cqrs = services.AddServerlessCqrs().AddRedisQueryCache().AddAzureAdapters(configuration);
        services.AddServerlessCqrsTelemetry(configuration, configureTelemetry);
        return cqrs;
    }
}
