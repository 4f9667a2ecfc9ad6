using Microsoft.Azure.Functions.Worker.OpenTelemetry;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using ServerlessCqrs.Functions.Middleware;
using ServerlessCqrs.Orders;

namespace ServerlessCqrs.Functions;

/// <summary>The Functions app's services, in one place so the tests compose exactly what Program.cs does.</summary>
internal static class FunctionsAppServices
{
    public static IServiceCollection AddFunctionsApp(this IServiceCollection services, IConfiguration configuration)
    {
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
