using System.Reflection;
using Microsoft.Extensions.Logging;

namespace ServerlessCqrs.Functions.Tests;

/// <summary>Every log event of the app has its own id, and each component (namespace) its own block of a hundred.</summary>
public sealed class LogEventIdTests
{
    private static readonly (string Namespace, string Name, int Id)[] Events =
    [
        .. Directory.GetFiles(AppContext.BaseDirectory, "ServerlessCqrs.*.dll")
            .Where(path => !Path.GetFileNameWithoutExtension(path).EndsWith("Tests", StringComparison.Ordinal)
                && !path.EndsWith("Testing.dll", StringComparison.Ordinal))
            .Select(path => Assembly.Load(AssemblyName.GetAssemblyName(path)))
            .SelectMany(a => a.GetTypes())
            .SelectMany(t => t.GetMethods(BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic)
                .Select(m => (t.Namespace!, Attribute: m.GetCustomAttribute<LoggerMessageAttribute>()))
                .Where(e => e.Attribute is not null)
                .Select(e => (e.Item1, e.Attribute!.EventName!, e.Attribute.EventId))),
    ];

    [Fact]
    public void EveryEventId_AndName_IsUsedOnce()
    {
        // The scan reaches from the kernel to the Functions app.
        Assert.Contains(Events, e => e.Name == "MessageHandled");
        Assert.Contains(Events, e => e.Name == "StorageEntityReady");
        Assert.Contains(Events, e => e.Name == "InvocationFaulted");
        Assert.Empty(Events.GroupBy(e => e.Id).Where(g => g.Count() > 1).Select(g => $"{g.Key}: {string.Join(", ", g.Select(e => e.Name))}"));
        Assert.Empty(Events.GroupBy(e => e.Name).Where(g => g.Count() > 1).Select(g => g.Key));
    }

    [Fact]
    public void EachBlockOfAHundred_BelongsToOneComponent() =>
        Assert.Empty(Events.GroupBy(e => e.Id / 100)
            .Where(block => block.Select(e => e.Namespace).Distinct().Count() > 1)
            .Select(block => $"{block.Key * 100}: {string.Join(", ", block.Select(e => $"{e.Name} ({e.Namespace})"))}"));
}
