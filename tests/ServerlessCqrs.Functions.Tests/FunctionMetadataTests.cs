using System.Reflection;
using System.Text.Json;

namespace ServerlessCqrs.Functions.Tests;

/// <summary>What the Worker SDK generated for the host: routes, methods and authorization levels, plus the host files.</summary>
public sealed class FunctionMetadataTests
{
    private static readonly string Output = FunctionsBuildOutput();

    [Theory]
    [InlineData("SendCommand", "commands/{name}", "Function", new[] { "post" })]
    [InlineData("RunQuery", "queries/{name}", "Function", new[] { "get", "post" })]
    [InlineData("Catalog", "catalog", "Function", new[] { "get" })]
    [InlineData("OpenApi", "openapi.json", "Function", new[] { "get" })]
    [InlineData("Health", "health", "Anonymous", new[] { "get" })]
    [InlineData("ListDeadLetters", "ops/deadletters", "Admin", new[] { "get" })]
    [InlineData("ShowDeadLetter", "ops/deadletters/{id}", "Admin", new[] { "get" })]
    [InlineData("ReplayDeadLetter", "ops/deadletters/{id}/replay", "Admin", new[] { "post" })]
    [InlineData("PurgeDeadLetter", "ops/deadletters/{id}", "Admin", new[] { "delete" })]
    public void HttpFunction_HasItsRouteMethodsAndLevel(string name, string route, string authLevel, string[] methods)
    {
        using var metadata = JsonDocument.Parse(File.ReadAllText(Path.Combine(Output, "functions.metadata")));

        var function = metadata.RootElement.EnumerateArray().Single(f => f.GetProperty("name").GetString() == name);
        var trigger = function.GetProperty("bindings").EnumerateArray().Single(b => b.GetProperty("type").GetString() == "httpTrigger");

        Assert.Equal(route, trigger.GetProperty("route").GetString());
        Assert.Equal(authLevel, trigger.GetProperty("authLevel").GetString());
        Assert.Equal(methods, trigger.GetProperty("methods").EnumerateArray().Select(m => m.GetString()));
    }

    [Fact]
    public void NoRoute_StartsWithAPrefixTheHostReserves()
    {
        // The host puts a function whose route starts with "admin" or "runtime" in error at start ("The specified
        // route conflicts with one or more built in routes"), whatever the route prefix.
        using var metadata = JsonDocument.Parse(File.ReadAllText(Path.Combine(Output, "functions.metadata")));

        var routes = metadata.RootElement.EnumerateArray().SelectMany(f => f.GetProperty("bindings").EnumerateArray())
            .Where(b => b.GetProperty("type").GetString() == "httpTrigger").Select(b => b.GetProperty("route").GetString()!).ToArray();

        Assert.NotEmpty(routes);
        Assert.DoesNotContain(routes, r => r.StartsWith("admin", StringComparison.OrdinalIgnoreCase) || r.StartsWith("runtime", StringComparison.OrdinalIgnoreCase));
    }

    [Theory]
    [InlineData("KeepQueriesWarm", "*/30 * * * * *")]
    [InlineData("SweepOutbox", "*/10 * * * * *")]
    [InlineData("Housekeeping", "0 */5 * * * *")]
    public void Timer_RunsOnItsSchedule(string name, string schedule)
    {
        using var metadata = JsonDocument.Parse(File.ReadAllText(Path.Combine(Output, "functions.metadata")));

        var function = metadata.RootElement.EnumerateArray().Single(f => f.GetProperty("name").GetString() == name);
        var trigger = Assert.Single(function.GetProperty("bindings").EnumerateArray());

        Assert.Equal(("timerTrigger", schedule), (trigger.GetProperty("type").GetString(), trigger.GetProperty("schedule").GetString()));
    }

    [Fact]
    public void DispatchQueuedEvent_ListensToTheConfiguredQueue_OnTheStorageConnection()
    {
        using var metadata = JsonDocument.Parse(File.ReadAllText(Path.Combine(Output, "functions.metadata")));

        var function = metadata.RootElement.EnumerateArray().Single(f => f.GetProperty("name").GetString() == "DispatchQueuedEvent");
        var trigger = Assert.Single(function.GetProperty("bindings").EnumerateArray());

        Assert.Equal(("queueTrigger", "%Cqrs:Events:StorageQueue:QueueName%", "Storage"),
            (trigger.GetProperty("type").GetString(), trigger.GetProperty("queueName").GetString(), trigger.GetProperty("connection").GetString()));
    }

    [Fact]
    public void ServiceBusTrigger_IsNotInAPlainBuild_OnlyWhenPublishing()
    {
        using var metadata = JsonDocument.Parse(File.ReadAllText(Path.Combine(Output, "functions.metadata")));

        Assert.DoesNotContain(metadata.RootElement.EnumerateArray(), f => f.GetProperty("name").GetString() == "DispatchServiceBusEvent");
    }

    [Fact]
    public void RootHostJson_AndSampleSettings_ReachTheBuildOutput()
    {
        Assert.Equal(File.ReadAllText(Repository.PathOf("host.json")), File.ReadAllText(Path.Combine(Output, "host.json")));
        Assert.Equal(
            File.ReadAllText(Repository.PathOf("local.settings.sample.json")),
            File.ReadAllText(Path.Combine(Output, "local.settings.sample.json")));
    }

    /// <summary>src/ServerlessCqrs.Functions/bin/{configuration}/net10.0, built with this test project's configuration.</summary>
    private static string FunctionsBuildOutput()
    {
        var configuration = typeof(FunctionMetadataTests).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()!.Configuration;
        return Repository.PathOf($"src/ServerlessCqrs.Functions/bin/{configuration}/net10.0");
    }
}
