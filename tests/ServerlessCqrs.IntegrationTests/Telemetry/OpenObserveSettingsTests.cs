using Microsoft.Extensions.Configuration;
using ServerlessCqrs.Observability;

namespace ServerlessCqrs.IntegrationTests.Telemetry;

public sealed class OpenObserveSettingsTests
{
    private static OpenObserveSettings? Read(Dictionary<string, string?> values) =>
        OpenObserveSettings.Read(new ConfigurationBuilder().AddInMemoryCollection(values).Build());

    [Fact]
    public void WithoutAUrl_NothingIsExported()
    {
        Assert.Null(Read(new() { ["OPENOBSERVE_TOKEN"] = "x" }));
    }

    [Fact]
    public void Defaults_AreThePlansStreams_WithAShortFlush()
    {
        var settings = Read(new() { ["OPENOBSERVE_URL"] = "https://o2.example.com/base", ["OPENOBSERVE_ORGANIZATION"] = "acme", ["OPENOBSERVE_TOKEN"] = "dG9rZW4=" })!;

        Assert.Equal(("cqrs-commands", "cqrs-queries", "cqrs-events", "traces"), (settings.CommandsStream, settings.QueriesStream, settings.EventsStream, settings.TracesStream));
        Assert.Equal((100, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(10), 3, true, 0.1), (settings.BatchSize, settings.FlushInterval, settings.Timeout, settings.MaxRetries, settings.TracingEnabled, settings.SamplingRate));
        Assert.Equal(new Uri("https://o2.example.com/base/api/acme/v1/traces"), settings.EndpointOf("traces"));
        Assert.Equal("Basic dG9rZW4=", settings.Authorization);
    }

    [Fact]
    public void UserAndPassword_BecomeBasicCredentials_AndNeverShowInThePrintout()
    {
        var settings = Read(new() { ["OPENOBSERVE_URL"] = "http://o2:5080", ["OPENOBSERVE_ORGANIZATION"] = "default", ["OPENOBSERVE_USER"] = "root@example.com", ["OPENOBSERVE_PASSWORD"] = "Complexpass#123" })!;

        Assert.Equal("Basic cm9vdEBleGFtcGxlLmNvbTpDb21wbGV4cGFzcyMxMjM=", settings.Authorization);
        Assert.DoesNotContain("cm9vdE", settings.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void EveryBadSetting_IsNamed_AndNoSecretIsRepeated()
    {
        var failure = Assert.Throws<InvalidOperationException>(() => Read(new()
        {
            ["OPENOBSERVE_URL"] = "ftp://o2",
            ["OPENOBSERVE_PASSWORD"] = "hunter2",
            ["OPENOBSERVE_BATCH_SIZE"] = "0",
            ["OPENOBSERVE_FLUSH_INTERVAL"] = "soon",
            ["OPENOBSERVE_TRACING_ENABLED"] = "maybe",
        }));

        foreach (var name in new[] { "OPENOBSERVE_URL", "OPENOBSERVE_ORGANIZATION", "OPENOBSERVE_TOKEN", "OPENOBSERVE_BATCH_SIZE", "OPENOBSERVE_FLUSH_INTERVAL", "OPENOBSERVE_TRACING_ENABLED" })
        {
            Assert.Contains(name, failure.Message, StringComparison.Ordinal);
        }

        Assert.DoesNotContain("hunter2", failure.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ServerlessCqrs.Commands", 0)]
    [InlineData("ServerlessCqrs.Queries", 1)]
    [InlineData("ServerlessCqrs.Events", 2)]
    [InlineData("ServerlessCqrs.Events.EventDispatcher", 2)]
    [InlineData("ServerlessCqrs.EventsArchive", 3)]
    [InlineData("Microsoft.AspNetCore.Hosting.Diagnostics", 3)]
    [InlineData(null, 3)]
    public void LogRecords_GoToTheStreamOfTheirBus(string? category, int route)
    {
        var settings = Read(new() { ["OPENOBSERVE_URL"] = "http://o2:5080", ["OPENOBSERVE_ORGANIZATION"] = "acme", ["OPENOBSERVE_TOKEN"] = "t" })!;
        using var router = new LogStreamRouter(settings);
        var routes = new[] { "ServerlessCqrs.Commands", "ServerlessCqrs.Queries", "ServerlessCqrs.Events", "other" }.Select(c => router.RouteOf(c)).ToArray();

        Assert.Same(routes[route], router.RouteOf(category));
        Assert.Equal(4, routes.Distinct().Count());
    }
}
