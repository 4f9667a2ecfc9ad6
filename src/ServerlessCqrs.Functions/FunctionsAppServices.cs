using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using ServerlessCqrs.Functions.Middleware;
using ServerlessCqrs.Orders;

namespace ServerlessCqrs.Functions;

/// <summary>The Functions app's services, in one place so the tests compose exactly what Program.cs does.</summary>
internal static class FunctionsAppServices
{
    public static IServiceCollection AddFunctionsApp(this IServiceCollection services)
    {
        // Until the event triggers arrive, events travel through the in-process transport inside the worker.
        // Periodic work runs from timer triggers: an instance may be scaled in between two ticks.
        services.AddServerlessCqrs(o => o.HostBackgroundWork = false).AddOrders().AddRedisQueryCache();
        services.AddServerlessCqrsHttp();
        services.TryAddSingleton<IHttpInvocationResult, InvocationResultSetter>();
        return services;
    }
}
