using System.Diagnostics;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using ServerlessCqrs.Core.Tests.Caching;
using ServerlessCqrs.Core.Tests.Fixtures;
using ServerlessCqrs.Diagnostics;
using ServerlessCqrs.Resilience;

namespace ServerlessCqrs.Core.Tests.Pipeline;

/// <summary>The plan's counters: commands, retries, queries by cache outcome, events published, handled and dead-lettered.</summary>
public sealed class MessageCounterTests
{
    private static MetricCollector<long> Collect(IServiceProvider services, string instrument) =>
        new(services.GetRequiredService<IMeterFactory>(), CqrsDiagnostics.MeterName, instrument);

    private static (object? Type, object? Second) TagsOf(CollectedMeasurement<long> m, string second) =>
        (m.Tags[CqrsDiagnostics.Tags.MessageType], m.Tags.GetValueOrDefault(second));

    [Fact]
    public async Task Commands_AreCountedByTypeAndOutcome_WithTheirRetries()
    {
        using var services = TestKernel.Build(b => b.AddHandler<FlakyHandler>());
        using var commands = Collect(services, CqrsDiagnostics.Instruments.Commands);
        using var retries = Collect(services, CqrsDiagnostics.Instruments.CommandRetries);
        services.GetRequiredService<Probe>().FailNext(nameof(Flaky), new TransientException("1"), new TransientException("2"));

        await services.Bus().SendAsync(new Flaky());

        var command = Assert.Single(commands.GetMeasurementSnapshot());
        Assert.Equal((1L, ("Flaky", (object?)"success")), (command.Value, TagsOf(command, CqrsDiagnostics.Tags.Outcome)));
        var retry = Assert.Single(retries.GetMeasurementSnapshot());
        Assert.Equal((2L, "Flaky"), (retry.Value, retry.Tags[CqrsDiagnostics.Tags.MessageType]));
    }

    [Fact]
    public async Task Queries_AreCountedByCacheOutcome()
    {
        using var kernel = new CacheKernel();
        using var queries = Collect(kernel.Services, CqrsDiagnostics.Instruments.Queries);

        await kernel.QueryAsync(new Lookup("a"));
        await kernel.QueryAsync(new Lookup("a"));
        await kernel.QueryAsync(new Uncached("a"));

        Assert.Equal(
            [("Lookup", "miss"), ("Lookup", "hit"), ("Uncached", "none")],
            queries.GetMeasurementSnapshot().Select(m => ((string)m.Tags[CqrsDiagnostics.Tags.MessageType]!, (string)m.Tags[CqrsDiagnostics.Tags.CacheOutcome]!)));
        Assert.All(queries.GetMeasurementSnapshot(), m => Assert.Equal("success", m.Tags[CqrsDiagnostics.Tags.Outcome]));
    }

    [Fact]
    public async Task Events_AreCountedWhenPublished_PerHandlerRun_AndWhenDeadLettered_WithASendSpan()
    {
        using var host = await TestKernel.StartHostAsync(TestKernel.AllHandlers, new Dictionary<string, string?> { ["Cqrs:Resilience:Default:MaxRetryAttempts"] = "0" });
        using var published = Collect(host.Services, CqrsDiagnostics.Instruments.EventsPublished);
        using var handled = Collect(host.Services, CqrsDiagnostics.Instruments.EventsHandled);
        using var deadLettered = Collect(host.Services, CqrsDiagnostics.Instruments.EventsDeadLettered);
        host.Services.GetRequiredService<Probe>().FailNext(nameof(SecondReaction), new InvalidOperationException("bug"));
        using var spans = new SpanCollector();

        await host.Services.GetRequiredService<IEventPublisher>().PublishAsync([new SomethingHappened { What = "it", OccurredAt = DateTimeOffset.UnixEpoch }]);
        await Eventually.HoldsAsync(() => deadLettered.GetMeasurementSnapshot().Count == 1, "the event was dead-lettered");

        Assert.Equal("SomethingHappened", Assert.Single(published.GetMeasurementSnapshot()).Tags[CqrsDiagnostics.Tags.MessageType]);
        Assert.Equal(
            [("FirstReaction", "success"), ("SecondReaction", "fault")],
            handled.GetMeasurementSnapshot().Select(m => ((string)m.Tags[CqrsDiagnostics.Tags.Handler]!, (string)m.Tags[CqrsDiagnostics.Tags.Outcome]!)).Order());
        var deadLetter = Assert.Single(deadLettered.GetMeasurementSnapshot());
        Assert.Equal(("SomethingHappened", (object?)"HandlerFailed"), TagsOf(deadLetter, CqrsDiagnostics.Tags.DeadLetterReason));

        var send = spans.Named("send events");
        Assert.Equal((ActivityKind.Producer, spans.Root.SpanId), (send.Kind, send.ParentSpanId));
        Assert.Equal(("inprocess", "send", "SomethingHappened"),
            (send.GetTagItem(CqrsDiagnostics.Tags.MessagingSystem), send.GetTagItem(CqrsDiagnostics.Tags.MessagingOperationType), send.GetTagItem(CqrsDiagnostics.Tags.MessageType)));
        await host.StopAsync();
    }
}
