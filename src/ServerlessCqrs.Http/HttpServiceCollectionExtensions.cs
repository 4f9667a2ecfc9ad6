using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using ServerlessCqrs.Http;
using ServerlessCqrs.Http.DeadLetters;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the HTTP edge.</summary>
public static class HttpServiceCollectionExtensions
{
    /// <summary>Adds the edge, its settings (<c>Cqrs:Http</c>) and health checks; the idempotency store is the kernel's.</summary>
    public static IServiceCollection AddServerlessCqrsHttp(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddOptions<CqrsHttpOptions>().BindConfiguration(CqrsHttpOptions.SectionName).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<CqrsHttpOptions>, CqrsHttpOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<CqrsHttpEdge>();
        services.TryAddSingleton<DeadLetterAdmin>();
        services.AddHealthChecks();
        return services;
    }
}
