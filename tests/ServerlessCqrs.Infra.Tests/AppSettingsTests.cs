using System.Text.Json;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Caching.StackExchangeRedis;
using Microsoft.Extensions.Options;
using OpenTelemetry.Trace;
using ServerlessCqrs.Azure.ServiceBus;
using ServerlessCqrs.Azure.Tables;
using ServerlessCqrs.Caching;
using ServerlessCqrs.Events;
using ServerlessCqrs.Infra.Tests.Bicep;
using ServerlessCqrs.Outbox;

namespace ServerlessCqrs.Infra.Tests;

/// <summary>
/// The function app's settings in the deployment are exactly what the app reads: the app, composed as
/// Program.cs composes it from those settings (as the environment variables they become), starts, picks
/// Table Storage, Service Bus, Redis and OpenObserve, and every setting is read by it or by the Functions host.
/// </summary>
[Collection(nameof(InfraCollection))]
public sealed class AppSettingsTests(InfraFixture infra)
{
    [Fact]
    public async Task TheApp_StartsOnTheDeployedSettings_WithEveryAdapterTheyChoose()
    {
        var recording = DeployedApp.Record(infra.Deployment.AppSettings());
        using var host = DeployedApp.Compose(recording);

        await host.StartAsync();
        var services = host.Services;
        Assert.IsType<ServiceBusEventTransport>(services.GetRequiredService<IEventTransport>());
        Assert.IsType<TableOutboxStore>(services.GetRequiredService<IOutboxStore>());
        Assert.IsType<TableEventHandlerLedger>(services.GetRequiredService<IEventHandlerLedger>());
        Assert.IsType<RedisCache>(services.GetRequiredKeyedService<IDistributedCache>(QueryCachingOptions.CacheName));
        Assert.NotNull(services.GetService<TracerProvider>());
        await host.StopAsync();
    }

    [Fact]
    public async Task AnEnvironmentWithoutOpenObserveOrUser_StartsTheApp_ExportingNothing()
    {
        // `azd up` by a pipeline identity azd has no principal id for, before any `azd env set`.
        var environment = new Dictionary<string, string> { ["AZURE_ENV_NAME"] = "bare", ["AZURE_LOCATION"] = "westeurope", ["AZURE_PRINCIPAL_ID"] = "" };
        var deployment = await DeploymentSnapshot.CreateAsync(AzdEnvironment.Parameters(environment), "westeurope");
        using var host = DeployedApp.Compose(deployment.AppSettings());

        await host.StartAsync();

        Assert.Empty(deployment.Diagnostics);
        Assert.Null(host.Services.GetService<TracerProvider>());
        Assert.Equal("", deployment.AppSettings()["OPENOBSERVE_TOKEN"]);
        // No Entra ID: function keys alone, the app open on purpose, no platform authentication.
        Assert.Equal("true", deployment.AppSettings()["Cqrs__Http__AllowAnonymous"]);
        Assert.DoesNotContain(deployment.OfType("Microsoft.Web/sites/config"), c => c.Name.EndsWith("/authsettingsV2", StringComparison.Ordinal));
        Assert.DoesNotContain(deployment.OfType("Microsoft.KeyVault/vaults/secrets"), s => s.Name.EndsWith("/openobserve-token", StringComparison.Ordinal));
        Assert.All(deployment.OfType("Microsoft.Authorization/roleAssignments"), a => Assert.Equal("ServicePrincipal", a["properties.principalType"]!.GetValue<string>()));
        await host.StopAsync();
    }

    [Fact]
    public async Task EverySetting_IsReadByTheAppOrTheFunctionsHost()
    {
        var settings = infra.Deployment.AppSettings();
        var recording = DeployedApp.Record(settings);
        using (var host = DeployedApp.Compose(recording))
        {
            await host.StartAsync();
            _ = host.Services.GetRequiredService<IQueryCache>();
            // The bearer handler reads its settings when the first request is authenticated.
            _ = host.Services.GetRequiredService<IOptionsMonitor<JwtBearerOptions>>().Get(JwtBearerDefaults.AuthenticationScheme);
            await host.StopAsync();
        }

        var hostReads = FunctionsHostSettings();
        var unread = settings.Keys.Where(key => !recording.Read.ContainsKey(DeployedApp.ConfigurationKey(key)) && !hostReads(key));

        Assert.Empty(unread);
    }

    [Fact]
    public void ARenamedSetting_IsNotRead()
    {
        // The check above fails for a setting nobody reads: shown with a misspelt one.
        var settings = infra.Deployment.AppSettings().ToDictionary();
        settings["Cqrs__Events__TransportKind"] = settings["Cqrs__Events__Transport"];
        settings.Remove("Cqrs__Events__Transport");
        var recording = DeployedApp.Record(settings);

        using var host = DeployedApp.Compose(recording);

        Assert.False(recording.Read.ContainsKey("Cqrs:Events:TransportKind"));
        Assert.IsNotType<ServiceBusEventTransport>(host.Services.GetRequiredService<IEventTransport>());
    }

    /// <summary>
    /// What the Functions host reads, from the metadata the Worker SDK generated: its own storage
    /// (<c>AzureWebJobsStorage__*</c>), the switches that disable a function, the settings binding
    /// expressions name (<c>%Cqrs:…%</c>) and the trigger connections' prefixes.
    /// </summary>
    private static Func<string, bool> FunctionsHostSettings()
    {
        using var metadata = JsonDocument.Parse(File.ReadAllText(Repository.PathOf("src/ServerlessCqrs.Functions/bin/Release/net10.0/functions.metadata")));
        var functions = metadata.RootElement.EnumerateArray().ToList();
        var names = functions.Select(f => f.GetProperty("name").GetString()!).ToHashSet(StringComparer.Ordinal);
        var bindings = functions.SelectMany(f => f.GetProperty("bindings").EnumerateArray()).ToList();
        var expressions = bindings.SelectMany(b => b.EnumerateObject())
            .Where(p => p.Value.ValueKind == JsonValueKind.String && p.Value.GetString()!.StartsWith('%'))
            .Select(p => p.Value.GetString()!.Trim('%').Replace(":", "__", StringComparison.Ordinal))
            .ToHashSet(StringComparer.OrdinalIgnoreCase);
        var connections = bindings.Where(b => b.TryGetProperty("connection", out _)).Select(b => b.GetProperty("connection").GetString() + "__").ToList();
        return setting => setting.StartsWith("AzureWebJobsStorage__", StringComparison.Ordinal)
            || (setting.StartsWith("AzureWebJobs.", StringComparison.Ordinal) && setting.EndsWith(".Disabled", StringComparison.Ordinal)
                && names.Contains(setting["AzureWebJobs.".Length..^".Disabled".Length]))
            || expressions.Contains(setting)
            || connections.Any(c => setting.StartsWith(c, StringComparison.Ordinal));
    }
}
