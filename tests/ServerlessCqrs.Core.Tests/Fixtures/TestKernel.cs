using Microsoft.Extensions.Hosting;

namespace ServerlessCqrs.Core.Tests.Fixtures;

/// <summary>The kernel with this project's <see cref="Probe"/> and test messages.</summary>
public static class TestKernel
{
    public static ServiceProvider Build(
        Action<CqrsBuilder> register,
        Action<CqrsOptions>? options = null,
        IDictionary<string, string?>? settings = null) =>
        Services(register, options, settings).BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true });

    public static IServiceCollection Services(
        Action<CqrsBuilder> register,
        Action<CqrsOptions>? options = null,
        IDictionary<string, string?>? settings = null) =>
        CqrsTestHost.Services(WithProbe(register), options, settings);

    public static Task<IHost> StartHostAsync(Action<CqrsBuilder> register, IDictionary<string, string?>? settings = null) =>
        CqrsTestHost.StartAsync(WithProbe(register), settings);

    /// <summary>All test handlers, registered one by one (the test assembly is never scanned).</summary>
    public static void AllHandlers(CqrsBuilder builder) => builder
        .AddHandler<PingHandler>()
        .AddHandler<TouchHandler>()
        .AddHandler<CountThingsHandler>()
        .AddHandler<FirstReaction>()
        .AddHandler<SecondReaction>()
        .AddMessage<NobodyCares>();

    private static Action<IServiceCollection, CqrsBuilder> WithProbe(Action<CqrsBuilder> register) => (services, builder) =>
    {
        services.AddSingleton<Probe>();
        register(builder);
    };
}
