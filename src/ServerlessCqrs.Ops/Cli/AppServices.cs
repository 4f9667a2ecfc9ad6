using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace ServerlessCqrs.Ops.Cli;

/// <summary>The app's services, composed from the app's own settings as the app composes them (<c>AddServerlessCqrsApp</c>).</summary>
internal static class AppServices
{
    /// <summary>
    /// Composes the app's services and hands them to <paramref name="open"/>; a setting that stops that becomes one line
    /// saying the settings do not open <paramref name="what"/>. The provider is disposed when opening fails.
    /// </summary>
    /// <exception cref="OpsException">A setting is missing or wrong.</exception>
    public static T Open<T>(IConfiguration configuration, string what, Func<ServiceProvider, T> open)
    {
        var services = new ServiceCollection();
        services.AddSingleton(configuration);
        services.AddLogging();
        ServiceProvider? provider = null;
        try
        {
            services.AddServerlessCqrsApp(configuration);
            provider = services.BuildServiceProvider();
            return open(provider);
        }
        catch (Exception failure) when (failure is InvalidOperationException or OptionsValidationException or FormatException or ArgumentException)
        {
            provider?.Dispose();
            throw new OpsException($"The app's settings do not open {what}: {failure.Message}", failure);
        }
    }
}
