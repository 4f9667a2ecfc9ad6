using Microsoft.AspNetCore.Authentication;
using Microsoft.Azure.Functions.Worker.OpenTelemetry;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using ServerlessCqrs.Azure;
using ServerlessCqrs.Functions.Middleware;
using ServerlessCqrs.Functions.Security;
using ServerlessCqrs.Http;
using ServerlessCqrs.Http.ApiDescription;
using ServerlessCqrs.Security;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>The services of a ServerlessCqrs Functions app.</summary>
public static class FunctionsServiceCollectionExtensions
{
    /// <summary>
    /// Adds the kernel with the store, transport and cache the settings choose, the HTTP edge, authentication (bearer
    /// tokens, and App Service Authentication's principal when the platform has it on) and the worker's telemetry.
    /// Register the app's domains on the returned builder. No background work runs: triggers deliver events, sweep
    /// the outbox, keep queries warm and keep house, since an instance may be gone before its next tick.
    /// </summary>
    /// <param name="services">The worker's services.</param>
    /// <param name="configuration">The app settings.</param>
    /// <param name="serviceBusTriggerBuilt">
    /// Whether the app contains a Service Bus trigger for events: with <c>Cqrs:Events:Transport=ServiceBus</c> and none,
    /// no event would ever be consumed, so the app refuses to start.
    /// </param>
    public static CqrsBuilder AddServerlessCqrsFunctions(this IServiceCollection services, IConfiguration configuration, bool serviceBusTriggerBuilt)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        if (!serviceBusTriggerBuilt && AzureSettings.UsesServiceBus(configuration))
        {
            throw new InvalidOperationException(
                $"{CqrsBuilder.TransportKey} is ServiceBus, but this build of the app has no Service Bus trigger, so no event would be " +
                "consumed. Build it with `dotnet publish` (as azd does) or `dotnet build -p:EnableServiceBusTrigger=true`, or choose the " +
                "StorageQueue or InProcess transport.");
        }

        // The worker's telemetry defaults add its resource attributes and continue the host's trace context.
        var cqrs = services.AddServerlessCqrsApp(configuration, telemetry => telemetry.UseFunctionsWorkerDefaults());
        services.AddServerlessCqrsHttp(configuration);
        services.Configure<ApiDescriptionOptions>(o => o.FunctionKeys = true);
        services.AddAppServiceAuthentication(configuration);
        services.TryAddSingleton<IHttpInvocationResult, InvocationResultSetter>();
        return cqrs;
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
