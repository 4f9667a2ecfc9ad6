using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace ServerlessCqrs.IntegrationTests;

/// <summary>
/// The LocalHost's own Program on a real Kestrel socket (a free loopback port), plus the test-only
/// messages that produce the error classes Orders never does (a fault, a rule violation).
/// </summary>
public sealed class LocalHostFactory : WebApplicationFactory<Program>
{
    public LocalHostFactory() => UseKestrel(0);

    public TestProbe Probe { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.ConfigureServices(services =>
        {
            services.AddSingleton(Probe);
            services.AddServerlessCqrs().AddHandler<ExplodeHandler>().AddHandler<ReserveHandler>();
        });
    }
}
