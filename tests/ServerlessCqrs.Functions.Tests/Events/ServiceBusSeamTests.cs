using Azure.Messaging.ServiceBus;
using Moq;
using ServerlessCqrs.Azure.ServiceBus;
using ServerlessCqrs.Events;

namespace ServerlessCqrs.Functions.Tests.Events;

/// <summary>The Service Bus sender, message mapping and dead-letter queue at the SDK seam (Moq and the SDK's model factory).</summary>
public sealed class ServiceBusSeamTests
{
    private static EventEnvelope Envelope(string name = "OrderCreated") => new()
    {
        EventId = Guid.NewGuid(),
        Name = name,
        Version = 2,
        Payload = """{"orderId":"o1"}""",
        OccurredAt = new DateTimeOffset(2026, 11, 24, 12, 0, 0, TimeSpan.Zero),
        TraceParent = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01",
        TraceState = "vendor=1",
        CorrelationId = "req-7",
        StreamId = "o1",
    };

    private static ServiceBusReceivedMessage Received(ServiceBusMessage sent, int deliveryCount = 1, IDictionary<string, object>? extra = null)
    {
        var properties = new Dictionary<string, object>(sent.ApplicationProperties);
        foreach (var (key, value) in extra ?? new Dictionary<string, object>())
        {
            properties[key] = value;
        }

        return ServiceBusModelFactory.ServiceBusReceivedMessage(
            body: sent.Body, messageId: sent.MessageId, subject: sent.Subject, correlationId: sent.CorrelationId,
            contentType: sent.ContentType, properties: properties, deliveryCount: deliveryCount, sequenceNumber: Random.Shared.NextInt64(1, long.MaxValue));
    }

    [Fact]
    public void Message_CarriesTheEnvelope_ForDuplicateDetectionAndTracing()
    {
        var envelope = Envelope();

        var message = ServiceBusEventMessages.ToMessage(envelope);

        Assert.Equal((envelope.EventId.ToString(), "OrderCreated", "application/json", "req-7"), (message.MessageId, message.Subject, message.ContentType, message.CorrelationId));
        Assert.Equal(envelope.Payload, message.Body.ToString());
        Assert.Equal(2, message.ApplicationProperties[ServiceBusEventMessages.VersionProperty]);
        Assert.Equal(envelope.TraceParent, message.ApplicationProperties["traceparent"]);
        Assert.Equal("vendor=1", message.ApplicationProperties["tracestate"]);
        Assert.Equal(envelope with { DeliveryAttempt = 4 }, ServiceBusEventMessages.ToEnvelope(Received(message, deliveryCount: 4)));
    }

    [Fact]
    public async Task Send_FillsBatchesUpToTheSdksLimit_AndSendsEach()
    {
        var batches = new List<List<ServiceBusMessage>>();
        var sender = new Mock<ServiceBusSender>();
        sender.Setup(s => s.CreateMessageBatchAsync(It.IsAny<CancellationToken>())).Returns(() =>
        {
            var held = new List<ServiceBusMessage>();
            batches.Add(held);
            return ValueTask.FromResult(ServiceBusModelFactory.ServiceBusMessageBatch(4096, held, tryAddCallback: _ => held.Count < 2));
        });
        var envelopes = Enumerable.Range(0, 5).Select(_ => Envelope()).ToArray();

        await new ServiceBusEventTransport(sender.Object).SendAsync(envelopes, default);

        sender.Verify(s => s.SendMessagesAsync(It.IsAny<ServiceBusMessageBatch>(), It.IsAny<CancellationToken>()), Times.Exactly(3));
        Assert.Equal([2, 2, 1], batches.Select(b => b.Count));
        Assert.Equal(envelopes.Select(e => e.EventId.ToString()), batches.SelectMany(b => b).Select(m => m.MessageId));
    }

    [Fact]
    public async Task Send_OfAnEventTooLargeForAnyBatch_IsUnsendable_NamingIt_AndSendsNothing()
    {
        var sender = new Mock<ServiceBusSender>();
        sender.Setup(s => s.CreateMessageBatchAsync(It.IsAny<CancellationToken>()))
            .Returns(() => ValueTask.FromResult(ServiceBusModelFactory.ServiceBusMessageBatch(256, [], tryAddCallback: _ => false)));
        var envelope = Envelope("Huge");

        var failure = await Assert.ThrowsAsync<UnsendableEventException>(async () => await new ServiceBusEventTransport(sender.Object).SendAsync([envelope], default));

        Assert.Contains($"Huge {envelope.EventId}", failure.Message, StringComparison.Ordinal);
        Assert.Same(envelope, failure.Envelope);
        sender.Verify(s => s.SendMessagesAsync(It.IsAny<ServiceBusMessageBatch>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    [Fact]
    public async Task DeadLetters_AreListedWithTheBrokersReasonAndOurExceptionDetails()
    {
        var envelope = Envelope();
        var deadLettered = Received(ServiceBusEventMessages.ToMessage(envelope), deliveryCount: 5, extra: new Dictionary<string, object>
        {
            ["DeadLetterReason"] = "HandlerFailed",
            ["DeadLetterErrorDescription"] = "OrderSummaryProjection failed",
            [ServiceBusEventMessages.ExceptionTypeProperty] = "System.InvalidOperationException",
            [ServiceBusEventMessages.StackTraceProperty] = "at Somewhere()",
            [ServiceBusEventMessages.DeadLetteredAtProperty] = "2026-11-24T12:00:05.0000000+00:00",
        });
        var receiver = new Mock<ServiceBusReceiver>();
        receiver.Setup(r => r.PeekMessagesAsync(10, It.IsAny<long?>(), It.IsAny<CancellationToken>())).ReturnsAsync([deadLettered]);

        var deadLetter = Assert.Single(await new ServiceBusDeadLetterQueue(new DeadLetterReceiver(receiver.Object), Mock.Of<ServiceBusSender>()).ListAsync(10));

        Assert.Equal(
            (envelope with { DeliveryAttempt = 5 }, "HandlerFailed", "OrderSummaryProjection failed", "System.InvalidOperationException", "at Somewhere()"),
            (deadLetter.Envelope, deadLetter.Reason, deadLetter.Description, deadLetter.ExceptionType, deadLetter.StackTrace));
        Assert.Equal(new DateTimeOffset(2026, 11, 24, 12, 0, 5, TimeSpan.Zero), deadLetter.DeadLetteredAt);
    }

    private static (FakeDeadLetterSubQueue Broker, EventEnvelope[] Events) DeadLetters(int count)
    {
        var events = Enumerable.Range(0, count).Select(_ => Envelope()).ToArray();
        var broker = new FakeDeadLetterSubQueue(events.Select(e =>
        {
            var message = ServiceBusEventMessages.ToMessage(e);
            message.ApplicationProperties["DeadLetterReason"] = "HandlerFailed";
            return message;
        }));
        return (broker, events);
    }

    private static Mock<ServiceBusSender> Topic(List<ServiceBusMessage> sent)
    {
        var topic = new Mock<ServiceBusSender>();
        topic.Setup(s => s.SendMessageAsync(Capture.In(sent), It.IsAny<CancellationToken>())).Returns(Task.CompletedTask);
        return topic;
    }

    [Fact]
    public async Task Replay_ReachesADeadLetterFarBehindTheFirstBatch_AndLeavesTheOthersUnlocked()
    {
        var (broker, events) = DeadLetters(150);
        var wanted = events[140];
        var sent = new List<ServiceBusMessage>();

        Assert.True(await new ServiceBusDeadLetterQueue(new DeadLetterReceiver(broker), Topic(sent).Object).ReplayAsync(wanted.EventId));

        var replayed = Assert.Single(sent);
        Assert.Equal((wanted.EventId.ToString(), wanted.TraceParent), (replayed.MessageId, replayed.ApplicationProperties["traceparent"]));
        Assert.False(replayed.ApplicationProperties.ContainsKey("DeadLetterReason"));
        Assert.Equal(events.Where(e => e != wanted).Select(e => e.EventId.ToString()), broker.MessageIds);
        Assert.Equal(0, broker.LockedCount);
    }

    [Fact]
    public async Task Replay_OfAnIdThatIsNotThere_IsFalse_AndLocksNothing()
    {
        var (broker, events) = DeadLetters(120);
        var sent = new List<ServiceBusMessage>();

        Assert.False(await new ServiceBusDeadLetterQueue(new DeadLetterReceiver(broker), Topic(sent).Object).ReplayAsync(Guid.NewGuid()));

        Assert.Empty(sent);
        Assert.Equal(events.Length, broker.MessageIds.Count);
        Assert.Equal(0, broker.LockedCount);
    }

    [Fact]
    public async Task ReplayAll_SendsEveryDeadLetterOnce()
    {
        var (broker, events) = DeadLetters(130);
        var sent = new List<ServiceBusMessage>();

        var count = await new ServiceBusDeadLetterQueue(new DeadLetterReceiver(broker), Topic(sent).Object).ReplayAllAsync();

        Assert.Equal(events.Length, count);
        Assert.Equal(events.Select(e => e.EventId.ToString()).Order(), sent.Select(m => m.MessageId).Order());
        Assert.Empty(broker.MessageIds);
    }

    [Fact]
    public async Task List_StartsFromTheOldestEachTime()
    {
        var (broker, events) = DeadLetters(5);
        var queue = new ServiceBusDeadLetterQueue(new DeadLetterReceiver(broker), Mock.Of<ServiceBusSender>());

        var first = await queue.ListAsync(3);
        var second = await queue.ListAsync(3);

        Assert.Equal(events.Take(3).Select(e => e.EventId), second.Select(d => d.Envelope.EventId));
        Assert.Equal(first.Select(d => d.Envelope.EventId), second.Select(d => d.Envelope.EventId));
    }

    [Fact]
    public async Task Replay_WhoseSendFails_LeavesTheDeadLetterInPlace_Unlocked()
    {
        var (broker, events) = DeadLetters(3);
        var topic = new Mock<ServiceBusSender>();
        topic.Setup(s => s.SendMessageAsync(It.IsAny<ServiceBusMessage>(), It.IsAny<CancellationToken>()))
            .ThrowsAsync(new ServiceBusException("unreachable", ServiceBusFailureReason.ServiceCommunicationProblem));

        await Assert.ThrowsAsync<ServiceBusException>(async () =>
            await new ServiceBusDeadLetterQueue(new DeadLetterReceiver(broker), topic.Object).ReplayAllAsync());

        Assert.Equal(events.Select(e => e.EventId.ToString()), broker.MessageIds);
        Assert.Equal(0, broker.LockedCount);
    }

    [Fact]
    public async Task Find_ReadsADeadLetterFarBehindTheFirstPage_WithoutLockingAnything()
    {
        var (broker, events) = DeadLetters(120);
        var queue = new ServiceBusDeadLetterQueue(new DeadLetterReceiver(broker), Mock.Of<ServiceBusSender>());

        var found = await queue.FindAsync(events[110].EventId);

        Assert.Equal((events[110].EventId, "HandlerFailed"), (found?.Envelope.EventId, found?.Reason));
        Assert.Null(await queue.FindAsync(Guid.NewGuid()));
        Assert.Equal(events.Length, broker.MessageIds.Count);
        Assert.Equal(0, broker.LockedCount);
    }

    [Fact]
    public async Task Purge_CompletesOneDeadLetter_SendsNothing_AndLeavesTheOthersUnlocked()
    {
        var (broker, events) = DeadLetters(70);
        var sent = new List<ServiceBusMessage>();
        var queue = new ServiceBusDeadLetterQueue(new DeadLetterReceiver(broker), Topic(sent).Object);

        Assert.True(await queue.PurgeAsync(events[60].EventId));
        Assert.False(await queue.PurgeAsync(events[60].EventId));

        Assert.Empty(sent);
        Assert.Equal(events.Where(e => e != events[60]).Select(e => e.EventId.ToString()), broker.MessageIds);
        Assert.Equal(0, broker.LockedCount);
    }

    [Fact]
    public async Task PurgeAll_CompletesEveryDeadLetter_SendingNothing()
    {
        var (broker, events) = DeadLetters(60);
        var sent = new List<ServiceBusMessage>();

        Assert.Equal(events.Length, await new ServiceBusDeadLetterQueue(new DeadLetterReceiver(broker), Topic(sent).Object).PurgeAllAsync());

        Assert.Empty(sent);
        Assert.Empty(broker.MessageIds);
    }

    [Fact]
    public void Redelivery_CarriesTheFirstFailure_AndAReplayStartsAfresh()
    {
        var failedAt = new DateTimeOffset(2026, 11, 24, 12, 0, 1, TimeSpan.Zero);
        var second = Envelope().NextDelivery(failedAt);
        var third = ServiceBusEventMessages.ToEnvelope(Received(ServiceBusEventMessages.ToRedelivery(second, "orders"))).NextDelivery(failedAt.AddSeconds(5));

        var deadLetter = ServiceBusEventMessages.ToDeadLetter(Received(ServiceBusEventMessages.ToRedelivery(third, "orders")));

        Assert.Equal((3, failedAt), (deadLetter.Attempts, deadLetter.FirstFailedAt));
        Assert.Equal((1, (DateTimeOffset?)null), (deadLetter.Envelope.Replayed().DeliveryAttempt, deadLetter.Envelope.Replayed().FirstFailedAt));
    }

    [Fact]
    public async Task LocalHostReceiver_SettlesLikeTheTrigger()
    {
        using var host = EventFunctionsHost.Build(new Dictionary<string, string?>
        {
            ["Cqrs:Events:Transport"] = "ServiceBus",
            ["ConnectionStrings:ServiceBus"] = "Endpoint=sb://cqrs-test.servicebus.windows.net/;SharedAccessKeyName=test;SharedAccessKey=dGVzdA==",
        });
        var processor = host.Services.GetKeyedServices<Microsoft.Extensions.Hosting.IHostedService>(CqrsBuilder.BackgroundWorkKey).OfType<ServiceBusEventProcessor>().Single();
        var receiver = new Mock<ServiceBusReceiver>();
        var created = Received(ServiceBusEventMessages.ToMessage(Envelope() with
        {
            Payload = $$"""{"orderId":"{{Guid.NewGuid():N}}","customerId":"c1","lines":[],"total":0,"orderVersion":1,"occurredAt":"2026-11-24T00:00:00Z"}""",
        }));
        var unknown = Received(ServiceBusEventMessages.ToMessage(Envelope("NoSuchEvent")));

        await processor.HandleAsync(new ProcessMessageEventArgs(created, receiver.Object, CancellationToken.None));
        await processor.HandleAsync(new ProcessMessageEventArgs(unknown, receiver.Object, CancellationToken.None));

        receiver.Verify(r => r.CompleteMessageAsync(created, It.IsAny<CancellationToken>()));
        receiver.Verify(r => r.DeadLetterMessageAsync(unknown, It.Is<IDictionary<string, object>>(p => p.ContainsKey(ServiceBusEventMessages.DeadLetteredAtProperty)),
            "UnknownEventName", It.Is<string>(d => d.Contains("NoSuchEvent", StringComparison.Ordinal)), It.IsAny<CancellationToken>()));
    }
}
