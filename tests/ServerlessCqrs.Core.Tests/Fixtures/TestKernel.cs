using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;

namespace ServerlessCqrs.Core.Tests.Fixtures;

/// <summary>Builds a kernel the way an application does, with fake logging and in-memory configuration.</summary>
public static class TestKernel
{
    /// <summary>Retries in tests back off for a millisecond, not a tenth of a second.</summary>
    private static readonly Dictionary<string, string?> FastRetries = new()
    {
        ["Cqrs:Resilience:Default:BaseDelay"] = "00:00:00.001",
        ["Cqrs:Resilience:Default:MaxDelay"] = "00:00:00.010",
    };

    public static ServiceProvider Build(
        Action<CqrsBuilder> register,
        Action<CqrsOptions>? options = null,
        IDictionary<string, string?>? settings = null) =>
        Services(register, options, settings).BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true });

    public static IServiceCollection Services(
        Action<CqrsBuilder> register,
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

    /// <summary>A started host, for what runs in the background: the in-process transport and the outbox sweeper.</summary>
    public static async Task<IHost> StartHostAsync(Action<CqrsBuilder> register, IDictionary<string, string?>? settings = null)
    {
        var builder = new HostApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        Configure(builder.Configuration, settings);
        Register(builder.Services, register, options: null);
        var host = builder.Build();
        await host.StartAsync();
        return host;
    }

    private static void Configure(IConfigurationBuilder configuration, IDictionary<string, string?>? settings) => configuration
        .AddInMemoryCollection(FastRetries)
        .AddInMemoryCollection(settings ?? new Dictionary<string, string?>());

    private static void Register(IServiceCollection services, Action<CqrsBuilder> register, Action<CqrsOptions>? options)
    {
        ArgumentNullException.ThrowIfNull(register);
        services.AddFakeLogging();
        services.AddSingleton<Probe>();
        register(services.AddServerlessCqrs(options));
    }

    /// <summary>All test handlers, registered one by one (the test assembly is never scanned).</summary>
    public static void AllHandlers(CqrsBuilder builder) => builder
        .AddHandler<PingHandler>()
        .AddHandler<TouchHandler>()
        .AddHandler<CountThingsHandler>()
        .AddHandler<FirstReaction>()
        .AddHandler<SecondReaction>()
        .AddMessage<NobodyCares>();

    public static IMessageBus Bus(this IServiceProvider services) =>
        services.CreateScope().ServiceProvider.GetRequiredService<IMessageBus>();
}
