using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using ServerlessCqrs.Caching;

namespace ServerlessCqrs.Testing;

/// <summary>
/// Composes the kernel the way an application does — fake logging, in-memory configuration — either
/// as a plain service provider or as a started long-running host (which runs the background work).
/// </summary>
public static class CqrsTestHost
{
    /// <summary>Retries in tests back off for a millisecond, not a tenth of a second.</summary>
    private static readonly Dictionary<string, string?> FastRetries = new()
    {
        ["Cqrs:Resilience:Default:BaseDelay"] = "00:00:00.001",
        ["Cqrs:Resilience:Default:MaxDelay"] = "00:00:00.010",
        ["Cqrs:Events:Redelivery:Default:BaseDelay"] = "00:00:00.010",
        ["Cqrs:Events:Redelivery:Default:MaxDelay"] = "00:00:00.100",
    };

    /// <summary>The service collection of a kernel, ready to build.</summary>
    public static IServiceCollection Services(
        Action<IServiceCollection, CqrsBuilder> register,
        Action<CqrsOptions>? options = null,
        IDictionary<string, string?>? settings = null)
    {
        var services = new ServiceCollection();
        var configuration = new ConfigurationManager();
        Configure(configuration, settings);
        services.AddSingleton<IConfiguration>(configuration);
        Register(services, register, options);
        return services;
    }

    /// <summary>A built kernel.</summary>
    public static ServiceProvider Build(
        Action<IServiceCollection, CqrsBuilder> register,
        Action<CqrsOptions>? options = null,
        IDictionary<string, string?>? settings = null) =>
        Services(register, options, settings).BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true });

    /// <summary>A started host with the kernel.</summary>
    public static async Task<IHost> StartAsync(Action<IServiceCollection, CqrsBuilder> register, IDictionary<string, string?>? settings = null)
    {
        var builder = new HostApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        Configure(builder.Configuration, settings);
        Register(builder.Services, register, options: null);
        var host = builder.Build();
        await host.StartAsync();
        return host;
    }

    /// <summary>Runs a query in a scope of its own, as one request would, with how the cache answered it.</summary>
    public static async Task<(Result<TResult> Result, QueryCacheStatus? CacheStatus)> QueryWithCacheStatusAsync<TResult>(
        this IServiceProvider services, IQuery<TResult> query)
    {
        ArgumentNullException.ThrowIfNull(query);
        await using var scope = services.CreateAsyncScope();
        var features = new FeatureCollection();
        var result = await scope.ServiceProvider.GetRequiredService<IMessageBus>().DispatchAsync(query, features);
        return (result.TryGetValue(out var value) ? Result<TResult>.Success((TResult)value!) : result.Error!, features.Get<QueryCacheStatus>());
    }

    /// <summary>A bus from a new scope of <paramref name="services"/>.</summary>
    public static IMessageBus Bus(this IServiceProvider services) =>
        services.CreateScope().ServiceProvider.GetRequiredService<IMessageBus>();

    private static void Configure(IConfigurationBuilder configuration, IDictionary<string, string?>? settings) => configuration
        .AddInMemoryCollection(FastRetries)
        .AddInMemoryCollection(settings ?? new Dictionary<string, string?>());

    private static void Register(IServiceCollection services, Action<IServiceCollection, CqrsBuilder> register, Action<CqrsOptions>? options)
    {
        ArgumentNullException.ThrowIfNull(register);
        services.AddFakeLogging();
        register(services, services.AddServerlessCqrs(options).RunBackgroundWork());
    }
}
