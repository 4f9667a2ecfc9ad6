using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using ServerlessCqrs.Functions;

namespace ServerlessCqrs.Infra.Tests;

/// <summary>The Functions app composed as Program.cs composes it (without the worker's gRPC host), on deployed settings.</summary>
internal static class DeployedApp
{
    /// <summary>App settings as the app's configuration sees them, recording what it reads.</summary>
    public static RecordingConfiguration Record(IReadOnlyDictionary<string, string> appSettings) =>
        new(appSettings.Select(s => KeyValuePair.Create(ConfigurationKey(s.Key), (string?)s.Value)));

    /// <summary>App settings become environment variables, whose <c>__</c> the configuration reads as <c>:</c>.</summary>
    public static string ConfigurationKey(string setting) => setting.Replace("__", ":", StringComparison.Ordinal);

    public static IHost Compose(RecordingConfiguration settings)
    {
        // Program.cs's first check reads every setting, so it runs on a copy that records nothing.
        KeyVaultReferences.ThrowIfUnresolved(new ConfigurationBuilder().AddInMemoryCollection(settings.Settings).Build());
        var builder = new HostApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        ((IConfigurationBuilder)builder.Configuration).Add(settings);
        builder.Services.AddFakeLogging();
        // Deployed means published, and publishing builds the Service Bus trigger.
        builder.Services.AddFunctionsApp(builder.Configuration, serviceBusTriggerBuilt: true);
        return builder.Build();
    }

    /// <summary>The app on <paramref name="appSettings"/>, for reading the options it resolves.</summary>
    public static IHost Compose(IReadOnlyDictionary<string, string> appSettings) => Compose(Record(appSettings));
}
