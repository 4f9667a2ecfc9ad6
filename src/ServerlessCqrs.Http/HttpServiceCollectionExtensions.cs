using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using ServerlessCqrs.Http;
using ServerlessCqrs.Http.ApiDescription;
using ServerlessCqrs.Http.DeadLetters;
using ServerlessCqrs.Http.Security;
using ServerlessCqrs.Security;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the HTTP edge.</summary>
public static class HttpServiceCollectionExtensions
{
    /// <summary>
    /// Adds the edge, its settings (<c>Cqrs:Http</c>), health checks and caller authentication. When
    /// <see cref="BearerSettings.SectionName"/> says where tokens come from, bearer tokens are validated and
    /// messages that declare no <c>[Authorize]</c> or <c>[AllowAnonymous]</c> need an authenticated caller;
    /// otherwise every caller is anonymous and such messages are open. The idempotency store is the kernel's.
    /// </summary>
    public static IServiceCollection AddServerlessCqrsHttp(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<CqrsHttpOptions>().BindConfiguration(CqrsHttpOptions.SectionName).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<CqrsHttpOptions>, CqrsHttpOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<CqrsHttpEdge>();
        services.TryAddSingleton<ApiDocuments>();
        services.AddOptions<ApiDescriptionOptions>();
        services.TryAddSingleton<DeadLetterAdmin>();
        services.TryAddSingleton<ServerlessCqrs.Http.Timeouts.TimeoutAdmin>();
        services.AddHealthChecks();
        if (services.Any(d => d.ServiceType == typeof(CallerAuthentication)))
        {
            return services;
        }

        services.AddSingleton<CallerAuthentication>();
        services.AddAuthorization();
        var authentication = services.AddAuthentication();
        if (BearerSettings.AreConfigured(configuration))
        {
            // The handler reads Authentication:Schemes:Bearer itself; claims keep their JWT names (tid, oid, roles).
            authentication.AddJwtBearer();
            services.PostConfigure<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme, o =>
            {
                o.MapInboundClaims = false;
                o.TokenValidationParameters.NameClaimType = "name";
                o.TokenValidationParameters.RoleClaimType = CallerClaimTypes.Roles;
            });
            services.RequireAuthenticatedCallersByDefault();
        }

        return services;
    }

    /// <summary>
    /// Makes an authenticated caller what a message that declares neither <c>[Authorize]</c> nor
    /// <c>[AllowAnonymous]</c> needs (<see cref="MessageAuthorizationOptions.DefaultPolicy"/>). An application's own default stays.
    /// </summary>
    public static IServiceCollection RequireAuthenticatedCallersByDefault(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.Configure<MessageAuthorizationOptions>(o => o.DefaultPolicy ??= new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build());
        return services;
    }
}
