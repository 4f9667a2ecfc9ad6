using System.Reflection;
using Azure.Messaging.ServiceBus;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;
using Moq;
using ServerlessCqrs.Azure.ServiceBus;
using ServerlessCqrs.Functions.Events;

namespace ServerlessCqrs.Functions.Tests.Events;

/// <summary>
/// The Service Bus trigger's own source, driven with the SDK's model factory: how it settles each
/// kind of message. (No Service Bus runs here; the client is never opened.)
/// </summary>
public sealed class ServiceBusEventFunctionTests : IDisposable
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 24, 12, 0, 0, TimeSpan.Zero));
    private readonly Mock<ServiceBusSender> _topic = new();
    private readonly IHost _host;
    private readonly RecordingMessageActions _actions = new();

    public ServiceBusEventFunctionTests() => _host = EventFunctionsHost.Build(new Dictionary<string, string?>
    {
        ["Cqrs:Events:Transport"] = "ServiceBus",
        ["ConnectionStrings:ServiceBus"] = "Endpoint=sb://cqrs-test.servicebus.windows.net/;SharedAccessKeyName=test;SharedAccessKey=dGVzdA==",
        ["Cqrs:Events:MaxDeliveryAttempts"] = "3",
        ["Cqrs:Events:Redelivery:Default:BaseDelay"] = "00:00:10",
        ["Cqrs:Events:Redelivery:Default:UseJitter"] = "false",
        ["Cqrs:Resilience:Default:MaxRetryAttempts"] = "0",
    }, services =>
    {
        services.Replace(ServiceDescriptor.Singleton<TimeProvider>(_clock));
        services.Replace(ServiceDescriptor.Singleton(_topic.Object));
    });

    public void Dispose() => _host.Dispose();

    private async Task<string> SettleAsync(ServiceBusReceivedMessage message)
    {
        var function = new ServiceBusEventFunction(_host.Services.GetRequiredService<ServiceBusEventDelivery>());
        await function.RunAsync(message, _actions, CancellationToken.None);
        return Assert.Single(_actions.Settlements);
    }

    private static ServiceBusReceivedMessage Message(string subject, string body, int deliveryCount = 1, string? messageId = null) =>
        ServiceBusModelFactory.ServiceBusReceivedMessage(
            body: BinaryData.FromString(body),
            messageId: messageId ?? Guid.NewGuid().ToString(),
            subject: subject,
            deliveryCount: deliveryCount,
            properties: new Dictionary<string, object> { [ServiceBusEventMessages.TraceParentProperty] = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01" });

    private static string Created(string orderId) =>
        $$"""{"orderId":"{{orderId}}","customerId":"c1","lines":[{"sku":"A","quantity":1,"unitPrice":2}],"total":2,"orderVersion":1,"occurredAt":"2026-11-24T00:00:00Z"}""";

    // Only the Orders projection reacts to a cancellation, and it waits (a transient failure) for an order it has not seen.
    private static string CancelledTooEarly() =>
        $$"""{"orderId":"{{Guid.NewGuid():N}}","customerId":"c1","reason":"r","orderVersion":2,"occurredAt":"2026-11-24T00:00:00Z"}""";

    [Fact]
    public async Task HandledEvent_IsCompleted()
    {
        Assert.Equal("complete", await SettleAsync(Message("OrderCreated", Created(Guid.NewGuid().ToString("N")))));
    }

    [Fact]
    public async Task TransientFailure_SchedulesACopyForThePolicysDelay_AndCompletesTheMessage()
    {
        var cancelledTooEarly = CancelledTooEarly();
        var message = Message("OrderCancelled", cancelledTooEarly, deliveryCount: 2);
        ServiceBusMessage? copy = null;
        DateTimeOffset at = default;
        _topic.Setup(t => t.ScheduleMessageAsync(It.IsAny<ServiceBusMessage>(), It.IsAny<DateTimeOffset>(), It.IsAny<CancellationToken>()))
            .Callback<ServiceBusMessage, DateTimeOffset, CancellationToken>((m, when, _) => (copy, at) = (m, when))
            .ReturnsAsync(1L);

        Assert.Equal("complete", await SettleAsync(message));

        // Delivery 2 failed: delivery 3 comes 10 s × 2 later, under its own message id so duplicate detection keeps it.
        Assert.Equal(_clock.GetUtcNow() + TimeSpan.FromSeconds(20), at);
        Assert.Equal($"{message.MessageId}/3", copy!.MessageId);
        Assert.Equal((message.MessageId, 3, "cqrs-handlers"), (
            copy.ApplicationProperties[ServiceBusEventMessages.EventIdProperty],
            copy.ApplicationProperties[ServiceBusEventMessages.DeliveryAttemptProperty],
            copy.ApplicationProperties[ServiceBusEventMessages.RedeliveryForProperty]));
        Assert.Equal(3, ServiceBusEventMessages.ToEnvelope(ServiceBusModelFactory.ServiceBusReceivedMessage(
            body: copy.Body, messageId: copy.MessageId, subject: copy.Subject, properties: copy.ApplicationProperties, deliveryCount: 1)).DeliveryAttempt);
    }

    [Fact]
    public async Task TransientFailureOnTheLastAttempt_IsDeadLetteredAsExhausted()
    {
        var cancelledTooEarly = CancelledTooEarly();

        Assert.Equal("dead-letter AttemptsExhausted", await SettleAsync(Message("OrderCancelled", cancelledTooEarly, deliveryCount: 3)));
        Assert.Equal("ServerlessCqrs.Resilience.TransientException", _actions.Properties![ServiceBusEventMessages.ExceptionTypeProperty]);
    }

    [Theory]
    [InlineData("NoSuchEvent", "{}", null, "dead-letter UnknownEventName")]
    [InlineData("OrderCreated", "{\"orderId\":", null, "dead-letter MalformedPayload")]
    [InlineData("OrderCreated", "null", null, "dead-letter MalformedPayload")]
    [InlineData("OrderCreated", "{}", "not-an-event-id", "dead-letter MalformedPayload")]
    public async Task MessagesThatCanNeverSucceed_AreDeadLetteredAtOnce(string subject, string body, string? messageId, string settlement)
    {
        Assert.Equal(settlement, await SettleAsync(Message(subject, body, messageId: messageId)));
        Assert.False(string.IsNullOrEmpty(_actions.Description));
    }

    [Fact]
    public async Task NonTransientFailure_IsDeadLetteredWithTheExceptionTypeAndStack()
    {
        Assert.Equal("dead-letter HandlerFailed", await SettleAsync(Message("Tripwire", """{"occurredAt":"2026-11-24T00:00:00Z"}""")));

        Assert.Contains("TripwireHandler failed on delivery 1 with InvalidOperationException: the handler has a bug", _actions.Description, StringComparison.Ordinal);
        Assert.Equal("System.InvalidOperationException", _actions.Properties![ServiceBusEventMessages.ExceptionTypeProperty]);
        Assert.Contains(nameof(TripwireHandler), (string)_actions.Properties[ServiceBusEventMessages.StackTraceProperty], StringComparison.Ordinal);
        Assert.True(_actions.Properties.ContainsKey(ServiceBusEventMessages.DeadLetteredAtProperty));
    }

    [Fact]
    public async Task ConsumerSpan_ContinuesTheProducersTrace_WithTheServiceBusDeliveryCountAndSettlement()
    {
        using var spans = new SpanCollector();
        var message = ServiceBusModelFactory.ServiceBusReceivedMessage(
            body: BinaryData.FromString("{}"), messageId: Guid.NewGuid().ToString(), subject: "NoSuchEvent", deliveryCount: 2,
            properties: new Dictionary<string, object> { [ServiceBusEventMessages.TraceParentProperty] = spans.Root.Id! });

        await SettleAsync(message);

        var process = spans.Named("process cqrs-events/cqrs-handlers");
        Assert.Equal(spans.Root.SpanId, process.ParentSpanId);
        Assert.Equal(("servicebus", 2, "dead_letter", "UnknownEventName"), (
            process.GetTagItem(ServerlessCqrs.Diagnostics.CqrsDiagnostics.Tags.MessagingSystem),
            process.GetTagItem(ServerlessCqrs.Azure.AzureDiagnostics.Tags.ServiceBusDeliveryCount),
            process.GetTagItem(ServerlessCqrs.Azure.AzureDiagnostics.Tags.ServiceBusDispositionStatus),
            process.GetTagItem(ServerlessCqrs.Diagnostics.CqrsDiagnostics.Tags.DeadLetterReason)));
    }

    [Fact]
    public void Trigger_ListensToTheConfiguredSubscription_AndSettlesItself()
    {
        var trigger = typeof(ServiceBusEventFunction).GetMethod(nameof(ServiceBusEventFunction.RunAsync))!
            .GetParameters()[0].GetCustomAttribute<ServiceBusTriggerAttribute>()!;

        Assert.Equal(("%Cqrs:Events:ServiceBus:TopicName%", "%Cqrs:Events:ServiceBus:SubscriptionName%", "ServiceBus", false),
            (trigger.TopicName, trigger.SubscriptionName, trigger.Connection, trigger.AutoCompleteMessages));
    }
}
