using System.Diagnostics;
using ServerlessCqrs.Core.Tests.Fixtures;
using ServerlessCqrs.Diagnostics;
using ServerlessCqrs.Events;
using ServerlessCqrs.Resilience;

namespace ServerlessCqrs.Core.Tests.Events;

public sealed class EventDispatcherTests
{
    private static readonly MessagingEndpoint Source = new("test", "test-events");

    private static ServiceProvider Kernel() => TestKernel.Build(TestKernel.AllHandlers, settings: new Dictionary<string, string?>
    {
        ["Cqrs:Events:MaxDeliveryAttempts"] = "3",
        ["Cqrs:Resilience:Default:MaxRetryAttempts"] = "0",
    });

    private static EventEnvelope Envelope(IServiceProvider services, IEvent? @event = null) =>
        services.GetRequiredService<EventEnvelopeFactory>().Create(@event ?? new SomethingHappened { What = "it", OccurredAt = DateTimeOffset.UnixEpoch });

    [Fact]
    public async Task EveryHandlerSucceeds_Completes()
    {
        using var services = Kernel();

        var decision = await services.GetRequiredService<EventDispatcher>().DispatchAsync(Envelope(services), Source, default);

        Assert.Equal(DispatchDecision.Complete, decision);
        Assert.Equal(["FirstReaction", "SecondReaction"], services.GetRequiredService<Probe>().Calls);
    }

    [Fact]
    public async Task Redelivery_DoesNotRunHandlersThatAlreadySucceeded()
    {
        using var services = Kernel();
        var dispatcher = services.GetRequiredService<EventDispatcher>();
        var probe = services.GetRequiredService<Probe>();
        probe.FailNext(nameof(SecondReaction), new TransientException("busy"));
        var envelope = Envelope(services);

        var first = await dispatcher.DispatchAsync(envelope, Source, default);
        var second = await dispatcher.DispatchAsync(envelope with { DeliveryAttempt = 2 }, Source, default);
        var third = await dispatcher.DispatchAsync(envelope with { DeliveryAttempt = 3 }, Source, default);

        Assert.Equal(DispatchAction.Retry, first.Action);
        Assert.Contains("SecondReaction failed on delivery 1 with TransientException: busy", first.Description, StringComparison.Ordinal);
        Assert.Equal(DispatchDecision.Complete, second);
        Assert.Equal(DispatchDecision.Complete, third);
        Assert.Equal(1, probe.CountOf(nameof(FirstReaction)));
        Assert.Equal(2, probe.CountOf(nameof(SecondReaction)));
    }

    [Fact]
    public async Task UnknownName_IsDeadLettered()
    {
        using var services = Kernel();

        var decision = await services.GetRequiredService<EventDispatcher>()
            .DispatchAsync(Envelope(services) with { Name = "NoSuchEvent" }, Source, default);

        Assert.Equal(DispatchAction.DeadLetter, decision.Action);
        Assert.Equal(DeadLetterReason.UnknownEventName, decision.Reason);
        Assert.Contains("'NoSuchEvent'", decision.Description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CommandName_IsNotAnEvent()
    {
        using var services = Kernel();

        var decision = await services.GetRequiredService<EventDispatcher>()
            .DispatchAsync(Envelope(services) with { Name = "Ping" }, Source, default);

        Assert.Equal(DeadLetterReason.UnknownEventName, decision.Reason);
    }

    [Theory]
    [InlineData("{not json")]
    [InlineData("[1,2]")]
    [InlineData("null")]
    [InlineData("{\"what\":\"missing its required occurredAt\"}")]
    public async Task MalformedPayload_IsDeadLettered_WithoutRunningHandlers(string payload)
    {
        using var services = Kernel();

        var decision = await services.GetRequiredService<EventDispatcher>()
            .DispatchAsync(Envelope(services) with { Payload = payload }, Source, default);

        Assert.Equal(DeadLetterReason.MalformedPayload, decision.Reason);
        Assert.Empty(services.GetRequiredService<Probe>().Calls);
    }

    [Fact]
    public async Task NonTransientFailure_IsDeadLetteredAtOnce_EvenIfAnotherHandlerFailedTransiently()
    {
        using var services = Kernel();
        var probe = services.GetRequiredService<Probe>();
        probe.FailNext(nameof(FirstReaction), new TransientException("busy"));
        probe.FailNext(nameof(SecondReaction), new ArgumentException("bug"));

        var decision = await services.GetRequiredService<EventDispatcher>().DispatchAsync(Envelope(services), Source, default);

        Assert.Equal(DeadLetterReason.HandlerFailed, decision.Reason);
        Assert.IsType<ArgumentException>(decision.Exception);
        Assert.StartsWith("DeadLetter(HandlerFailed): SecondReaction failed", decision.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TransientFailure_OnTheLastAttempt_IsDeadLetteredAsExhausted()
    {
        using var services = Kernel();
        services.GetRequiredService<Probe>().FailNext(nameof(FirstReaction), new TransientException("still busy"));

        var decision = await services.GetRequiredService<EventDispatcher>()
            .DispatchAsync(Envelope(services) with { DeliveryAttempt = 3 }, Source, default);

        Assert.Equal(DeadLetterReason.AttemptsExhausted, decision.Reason);
        Assert.IsType<TransientException>(decision.Exception);
    }

    [Fact]
    public async Task BehaviorThatRefusesAnEvent_IsAFailure_NotASilentSuccess()
    {
        using var services = TestKernel.Build(b => TestKernel.AllHandlers(b.AddBehavior(typeof(RefuseEvents<>).MakeGenericType(typeof(SomethingHappened)))));

        var decision = await services.GetRequiredService<EventDispatcher>().DispatchAsync(Envelope(services), Source, default);

        Assert.Equal(DeadLetterReason.HandlerFailed, decision.Reason);
        Assert.Contains("refused", decision.Description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Dispatch_ContinuesTheProducersTrace_WithAConsumerSpan()
    {
        using var services = Kernel();
        using var spans = new SpanCollector();
        var envelope = Envelope(services);
        spans.Root.Stop();
        Activity.Current = null;

        await services.GetRequiredService<EventDispatcher>().DispatchAsync(envelope, Source, default);

        var process = spans.Named("process test-events");
        Assert.Equal(ActivityKind.Consumer, process.Kind);
        Assert.Equal(spans.Root.SpanId, process.ParentSpanId);
        Assert.Equal("test", process.GetTagItem(CqrsDiagnostics.Tags.MessagingSystem));
        Assert.Equal(envelope.EventId.ToString(), process.GetTagItem(CqrsDiagnostics.Tags.MessagingMessageId));
        Assert.Equal("Complete", process.GetTagItem(CqrsDiagnostics.Tags.DispatchDecision));
        Assert.All(spans.Spans.Where(s => s.DisplayName == "event SomethingHappened"), s => Assert.Equal(process.SpanId, s.ParentSpanId));
        Assert.Equal(2, spans.Spans.Count(s => s.DisplayName == "event SomethingHappened"));
    }
}
