using Microsoft.Azure.Functions.Worker.OpenTelemetry;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using ServerlessCqrs.Azure;
using ServerlessCqrs.Functions.Middleware;
using ServerlessCqrs.Orders;

namespace ServerlessCqrs.Functions;

/// <summary>The Functions app's services, in one place so the tests compose exactly what Program.cs does.</summary>
internal static class FunctionsAppServices
{
    /// <summary>Whether this build contains the Service Bus trigger (<c>EnableServiceBusTrigger</c>, on when publishing).</summary>
#if SERVICE_BUS_TRIGGER
    public const bool ServiceBusTriggerBuilt = true;
#else
    public const bool ServiceBusTriggerBuilt = false;
#endif

    /// <param name="services">The worker's services.</param>
    /// <param name="configuration">The app settings.</param>
    /// <param name="serviceBusTriggerBuilt">Whether the Service Bus trigger is in the build; tests of a published app say so.</param>
    public static IServiceCollection AddFunctionsApp(
        this IServiceCollection services, IConfiguration configuration, bool serviceBusTriggerBuilt = ServiceBusTriggerBuilt)
    {
        if (!serviceBusTriggerBuilt && AzureSettings.UsesServiceBus(configuration))
        {
            throw new InvalidOperationException(
                $"{AzureSettings.TransportKey} is ServiceBus, but this build of the app has no Service Bus trigger, so no event would be " +
                "consumed. Build it with `dotnet publish` (as azd does) or `dotnet build -p:EnableServiceBusTrigger=true`, or choose the " +
                "StorageQueue or InProcess transport.");
        }

        // Background work runs from triggers: queue and Service Bus triggers deliver events, timer
        // triggers sweep the outbox and keep queries warm (an instance may be gone before its next tick).
        services.AddServerlessCqrs(o => o.HostBackgroundWork = false).AddOrders().AddRedisQueryCache().AddAzureAdapters(configuration);
        services.AddServerlessCqrsHttp();
        services.TryAddSingleton<IHttpInvocationResult, InvocationResultSetter>();
        // With OPENOBSERVE_URL set, traces, metrics and logs go to OpenObserve; the worker's defaults add its
        // resource attributes and continue the host's trace context (host.json telemetryMode: OpenTelemetry).
        services.AddServerlessCqrsTelemetry(configuration, telemetry => telemetry.UseFunctionsWorkerDefaults());
        return services;
    }
}
