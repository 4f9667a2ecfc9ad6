using System.Diagnostics;
using System.Text.Json;
using ServerlessCqrs.Core.Tests.Fixtures;
using ServerlessCqrs.Events;

namespace ServerlessCqrs.Core.Tests.Events;

public sealed class EventEnvelopeFactoryTests
{
    [Fact]
    public void Create_TakesNameAndVersionFromTheRegistry_AndTheCurrentTraceContext()
    {
        using var services = TestKernel.Build(TestKernel.AllHandlers);
        using var spans = new SpanCollector();
        spans.Root.TraceStateString = "vendor=1";
        var happened = new SomethingHappened { What = "it", OccurredAt = DateTimeOffset.UnixEpoch };

        var envelope = services.GetRequiredService<EventEnvelopeFactory>().Create(happened);

        Assert.Equal(happened.EventId, envelope.EventId);
        Assert.Equal("SomethingHappened", envelope.Name);
        Assert.Equal(2, envelope.Version);
        Assert.Equal(1, envelope.DeliveryAttempt);
        Assert.Equal(spans.Root.Id, envelope.TraceParent);
        Assert.Equal("vendor=1", envelope.TraceState);
        using var payload = JsonDocument.Parse(envelope.Payload);
        Assert.Equal("it", payload.RootElement.GetProperty("what").GetString());
        Assert.Equal(happened.EventId, payload.RootElement.GetProperty("eventId").GetGuid());
    }

    [Fact]
    public void Create_WithoutATrace_LeavesTraceContextEmpty()
    {
        using var services = TestKernel.Build(TestKernel.AllHandlers);
        Activity.Current = null;

        var envelope = services.GetRequiredService<EventEnvelopeFactory>().Create(new NobodyCares { OccurredAt = DateTimeOffset.UnixEpoch });

        Assert.Null(envelope.TraceParent);
        Assert.Equal("NobodyCares", envelope.Name);
    }

    [Fact]
    public void Create_OfAnUnregisteredEvent_Throws()
    {
        using var services = TestKernel.Build(b => b.AddHandler<PingHandler>());

        Assert.Throws<InvalidOperationException>(() =>
            services.GetRequiredService<EventEnvelopeFactory>().Create(new NobodyCares { OccurredAt = DateTimeOffset.UnixEpoch }));
    }

    [Fact]
    public void DeadLetter_TruncatesLongDescriptions()
    {
        var envelope = new EventEnvelope { EventId = Guid.NewGuid(), Name = "X", Payload = "{}" };
        var decision = DispatchDecision.DeadLetter(DeadLetterReason.MalformedPayload, new string('x', 5000));

        var deadLetter = DeadLetter.From(envelope, decision, DateTimeOffset.UnixEpoch);

        Assert.Equal(DeadLetter.MaxDescriptionLength, deadLetter.Description.Length);
        Assert.Equal("MalformedPayload", deadLetter.Reason);
        Assert.Null(deadLetter.ExceptionType);
    }
}
