using Microsoft.AspNetCore.Authentication;
using Microsoft.Azure.Functions.Worker.OpenTelemetry;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using ServerlessCqrs.Azure;
using ServerlessCqrs.Functions.Middleware;
using ServerlessCqrs.Functions.Security;
using ServerlessCqrs.Http;
using ServerlessCqrs.Http.ApiDescription;
using ServerlessCqrs.Orders;
using ServerlessCqrs.Security;

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
                $"{CqrsBuilder.TransportKey} is ServiceBus, but this build of the app has no Service Bus trigger, so no event would be " +
                "consumed. Build it with `dotnet publish` (as azd does) or `dotnet build -p:EnableServiceBusTrigger=true`, or choose the " +
                "StorageQueue or InProcess transport.");
        }

        // No background work here: queue and Service Bus triggers deliver events, timer triggers sweep the
        // outbox, keep queries warm and keep house (an instance may be gone before its next tick). The worker's
        // telemetry defaults add its resource attributes and continue the host's trace context.
        services.AddServerlessCqrsApp(configuration, telemetry => telemetry.UseFunctionsWorkerDefaults()).AddOrders();
        services.AddServerlessCqrsHttp(configuration);
        services.Configure<ApiDescriptionOptions>(o => o.FunctionKeys = true);
        services.AddAppServiceAuthentication(configuration);
        services.TryAddSingleton<IHttpInvocationResult, InvocationResultSetter>();
        return services;
    }

    /// <summary>
    /// Trusts App Service Authentication's principal when the platform has authentication on, and refuses to
    /// start an app nobody authenticates unless <c>Cqrs:Http:AllowAnonymous</c> says that is meant.
    /// </summary>
    private static void AddAppServiceAuthentication(this IServiceCollection services, IConfiguration configuration)
    {
        var platformAuthentication = string.Equals(configuration[AppServiceAuthenticationOptions.EnabledSetting], "True", StringComparison.OrdinalIgnoreCase);
        if (!platformAuthentication && !BearerSettings.AreConfigured(configuration)
            && !configuration.GetValue<bool>($"{CqrsHttpOptions.SectionName}:{nameof(CqrsHttpOptions.AllowAnonymous)}"))
        {
            throw new InvalidOperationException(
                $"No authentication is configured, so anyone with a function key could send any command. Configure bearer tokens in " +
                $"{BearerSettings.SectionName} (Authority and ValidAudiences for Entra ID, or SigningKeys for a development key), turn on " +
                $"App Service Authentication ({AppServiceAuthenticationOptions.EnabledSetting}=True), or set " +
                $"{CqrsHttpOptions.SectionName}:{nameof(CqrsHttpOptions.AllowAnonymous)}=true to run open on purpose, behind function keys alone.");
        }

        // Asked after a bearer token, when both are configured: either is a principal the platform or the app validated.
        services.Configure<AuthenticationOptions>(o =>
            o.AddScheme<AppServiceAuthenticationHandler>(AppServiceAuthenticationHandler.SchemeName, displayName: null));
        services.Configure<AppServiceAuthenticationOptions>(AppServiceAuthenticationHandler.SchemeName, o => o.Enabled = platformAuthentication);
        if (platformAuthentication)
        {
            services.RequireAuthenticatedCallersByDefault();
        }
    }
}
