using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using ServerlessCqrs.Orders;
using ServerlessCqrs.Payments;

namespace ServerlessCqrs.Functions;

/// <summary>The app's services in one place, so the tests compose exactly what Program.cs does.</summary>
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
        services.AddServerlessCqrsFunctions(configuration, serviceBusTriggerBuilt).AddOrders().AddPayments();
        return services;
    }
}
