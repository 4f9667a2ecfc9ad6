using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;

namespace ServerlessCqrs.IntegrationTests.Storage;

/// <summary>
/// The base of the store conformance suites: a kernel with one store (in memory, or Table Storage on
/// tables of its own on the shared Azurite), the in-process transport and a clock the test moves.
/// </summary>
public abstract class StoreConformance : IDisposable
{
    protected StoreConformance(
        AzuriteFixture azurite, string store, IDictionary<string, string?>? settings = null, Action<IServiceCollection, CqrsBuilder>? register = null)
    {
        ArgumentNullException.ThrowIfNull(azurite);
        var all = azurite.Settings(store: store, transport: "InProcess");
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            all[key] = value;
        }

        Services = CqrsTestHost.Build((services, cqrs) =>
        {
            register?.Invoke(services, cqrs);
            cqrs.AddAzureAdapters(new ConfigurationBuilder().AddInMemoryCollection(all).Build());
            services.Replace(ServiceDescriptor.Singleton<TimeProvider>(Clock));
        }, settings: all);
    }

    protected FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 11, 24, 12, 0, 0, TimeSpan.Zero));

    protected ServiceProvider Services { get; }

    public void Dispose()
    {
        Services.Dispose();
        GC.SuppressFinalize(this);
    }
}
