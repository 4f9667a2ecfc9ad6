using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;

namespace ServerlessCqrs.Functions.Tests.Events;

/// <summary>A test event whose one handler fails with a bug, for the non-transient path.</summary>
public sealed record Tripwire : Event;

public sealed class TripwireHandler : IEventHandler<Tripwire>
{
    public ValueTask HandleAsync(Tripwire @event, CancellationToken cancellationToken) =>
        throw new InvalidOperationException("the handler has a bug");
}

/// <summary>The Functions app's services, as Program.cs composes them, with the given event settings and the tripwire (and any services a test replaces).</summary>
internal static class EventFunctionsHost
{
    public static IHost Build(IDictionary<string, string?> settings, Action<IServiceCollection>? replace = null)
    {
        var builder = new HostApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Configuration[OpenApp.Setting] = "true";
        builder.Services.AddFakeLogging();
        // These tests compile the Service Bus trigger themselves, as a published build has it.
        builder.Services.AddFunctionsApp(builder.Configuration, serviceBusTriggerBuilt: true);
        builder.Services.AddServerlessCqrs().AddHandler<TripwireHandler>();
        replace?.Invoke(builder.Services);
        return builder.Build();
    }
}
