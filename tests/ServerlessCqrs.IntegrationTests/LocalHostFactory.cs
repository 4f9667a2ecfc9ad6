using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace ServerlessCqrs.IntegrationTests;

/// <summary>
/// The LocalHost's own Program on a real Kestrel socket (a free loopback port), plus the test-only
/// messages that produce the error classes Orders never does (a fault, a rule violation, a dead letter).
/// </summary>
public sealed class LocalHostFactory : WebApplicationFactory<Program>
{
    private readonly IReadOnlyDictionary<string, string> _settings;

    public LocalHostFactory()
    {
        _settings = new Dictionary<string, string>();
        UseKestrel(0);
    }

    /// <summary>A LocalHost with these settings (WithWebHostBuilder's copies cannot use Kestrel).</summary>
    public static LocalHostFactory With(IReadOnlyDictionary<string, string> settings) => new(settings);

    private LocalHostFactory(IReadOnlyDictionary<string, string> settings)
    {
        _settings = settings;
        UseKestrel(0);
    }

    public TestProbe Probe { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureServices(services =>
        {
            services.AddSingleton(Probe);
            services.AddFakeLogging();
            services.AddServerlessCqrs().AddHandler<ExplodeHandler>().AddHandler<ReserveHandler>().AddHandler<SeatsReleasedHandler>();
        });
    }
}
