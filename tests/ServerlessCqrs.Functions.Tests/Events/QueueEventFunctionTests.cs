using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;
using Microsoft.Extensions.Hosting;
using ServerlessCqrs.Azure.StorageQueues;
using ServerlessCqrs.Events;
using ServerlessCqrs.Functions.Events;

namespace ServerlessCqrs.Functions.Tests.Events;

/// <summary>The Storage Queue trigger against a real Azurite: complete, retry by throwing, dead letters to the poison queue.</summary>
public sealed class QueueEventFunctionTests : IAsyncLifetime
{
    private readonly string _queue = "fn-events-" + Guid.NewGuid().ToString("N")[..12];
    private AzuriteServer? _azurite;
    private IHost? _host;

    public async Task InitializeAsync()
    {
        _azurite = await AzuriteServer.StartAsync();
        _host = EventFunctionsHost.Build(new Dictionary<string, string?>
        {
            ["Cqrs:Events:Transport"] = "StorageQueue",
            ["ConnectionStrings:Storage"] = _azurite.ConnectionString,
            ["Cqrs:Events:StorageQueue:QueueName"] = _queue,
            ["Cqrs:Events:MaxDeliveryAttempts"] = "3",
            ["Cqrs:Resilience:Default:MaxRetryAttempts"] = "0",
            ["Cqrs:Events:Redelivery:Default:BaseDelay"] = "00:00:02",
            ["Cqrs:Events:Redelivery:Default:UseJitter"] = "false",
        });
        await _host.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await _host!.StopAsync();
        _host.Dispose();
        await _azurite!.DisposeAsync();
    }

    private IDeadLetterQueue DeadLetters => _host!.Services.GetRequiredService<IDeadLetterQueue>();

    private Task RunAsync(string body, long dequeueCount = 1) =>
        new QueueEventFunction(_host!.Services.GetRequiredService<StorageQueueEventDelivery>()).RunAsync(
            QueuesModelFactory.QueueMessage(Guid.NewGuid().ToString(), "receipt", BinaryData.FromString(body), dequeueCount), CancellationToken.None);

    private static string Event(string name, string payload) =>
        QueueEventMessages.Write(new EventEnvelope { EventId = Guid.NewGuid(), Name = name, Payload = payload, TraceParent = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01" });

    // Only the Orders projection reacts to a cancellation, and it waits (a transient failure) for an order it has not seen.
    private static string CancelledTooEarly() =>
        Event("OrderCancelled", $$"""{"orderId":"{{Guid.NewGuid():N}}","customerId":"c1","reason":"r","orderVersion":2,"occurredAt":"2026-11-24T00:00:00Z"}""");

    [Fact]
    public async Task HandledEvent_Returns_SoTheHostDeletesIt()
    {
        await RunAsync(Event("OrderCreated",
            $$"""{"orderId":"{{Guid.NewGuid():N}}","customerId":"c1","lines":[{"sku":"A","quantity":1,"unitPrice":2}],"total":2,"orderVersion":1,"occurredAt":"2026-11-24T00:00:00Z"}"""));

        Assert.Empty(await DeadLetters.ListAsync());
    }

    [Fact]
    public async Task TransientFailure_QueuesACopy_HiddenForThePolicysDelay_AtTheNextAttempt()
    {
        var events = new QueueClient(_azurite!.ConnectionString, _queue, new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 });
        var original = CancelledTooEarly();

        await RunAsync(original);

        Assert.Empty((await events.PeekMessagesAsync()).Value);
        Assert.Equal(1, (await events.GetPropertiesAsync()).Value.ApproximateMessagesCount);
        Assert.Empty(await DeadLetters.ListAsync());
        PeekedMessage? copy = null;
        await Eventually.HoldsAsync(async () => (copy = (await events.PeekMessagesAsync()).Value.FirstOrDefault()) is not null,
            "the copy shows once its two seconds have passed");
        Assert.True(QueueEventMessages.TryRead(copy!.Body.ToString(), copy.MessageId, out var envelope, out _));
        Assert.True(QueueEventMessages.TryRead(original, "original", out var sent, out _));
        Assert.Equal((sent.EventId, 2), (envelope.EventId, envelope.DeliveryAttempt));
    }

    [Fact]
    public async Task TransientFailureOnTheLastAttempt_GoesToThePoisonQueueWithItsReason()
    {
        await RunAsync(CancelledTooEarly(), dequeueCount: 3);

        var deadLetter = Assert.Single(await DeadLetters.ListAsync());
        Assert.Equal(("OrderCancelled", "AttemptsExhausted", 3), (deadLetter.Envelope.Name, deadLetter.Reason, deadLetter.Envelope.DeliveryAttempt));
        Assert.Equal("00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01", deadLetter.Envelope.TraceParent);
    }

    [Theory]
    [InlineData("not an event", "MalformedPayload")]
    [InlineData("""{"id":"3f2504e0-4f89-11d3-9a0c-0305e82c3301"}""", "MalformedPayload")]
    public async Task UnreadableMessage_GoesToThePoisonQueueAsIs(string body, string reason)
    {
        await RunAsync(body);

        var deadLetter = Assert.Single(await DeadLetters.ListAsync());
        Assert.Equal((reason, body), (deadLetter.Reason, deadLetter.Envelope.Payload));
    }

    [Fact]
    public async Task NonTransientFailure_GoesToThePoisonQueueWithTheExceptionType()
    {
        await RunAsync(Event("Tripwire", """{"occurredAt":"2026-11-24T00:00:00Z"}"""));

        var deadLetter = Assert.Single(await DeadLetters.ListAsync());
        Assert.Equal(("HandlerFailed", "System.InvalidOperationException"), (deadLetter.Reason, deadLetter.ExceptionType));
    }

    [Fact]
    public async Task MessageTheHostPoisoned_IsListedAsMaxDequeueCountExceeded_AndCanBeReplayed()
    {
        var poison = new QueueClient(_azurite!.ConnectionString, _queue + "-poison", new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 });
        await poison.CreateIfNotExistsAsync();
        var body = Event("OrderCreated", "{}");
        await poison.SendMessageAsync(body);

        var deadLetter = Assert.Single(await DeadLetters.ListAsync());
        Assert.Equal("MaxDequeueCountExceeded", deadLetter.Reason);

        Assert.Equal(1, await DeadLetters.ReplayAllAsync());
        Assert.Empty(await DeadLetters.ListAsync());
        var events = new QueueClient(_azurite.ConnectionString, _queue, new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 });
        QueueMessage replayed = (await events.ReceiveMessageAsync()).Value;
        Assert.True(QueueEventMessages.TryRead(replayed.Body.ToString(), replayed.MessageId, out var envelope, out _));
        Assert.Equal(deadLetter.Envelope.EventId, envelope.EventId);
    }
}
