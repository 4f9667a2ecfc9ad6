using Azure.Messaging.ServiceBus;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;
using Moq;
using ServerlessCqrs.Azure.ServiceBus;
using ServerlessCqrs.Functions.Events;
using ServerlessCqrs.Processes;

namespace ServerlessCqrs.Functions.Tests.Events;

/// <summary>
/// The payment process's timeout on Service Bus, at the SDK seam: a scheduled message on the topic, and its
/// cancellation by sequence number. (No Service Bus runs here; the sender is the SDK's mockable type.)
/// </summary>
public sealed class ServiceBusTimeoutTests : IDisposable
{
    private const long SequenceNumber = 4711;
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 24, 12, 0, 0, TimeSpan.Zero));
    private readonly Mock<ServiceBusSender> _topic = new();
    private readonly List<(ServiceBusMessage Message, DateTimeOffset At)> _scheduled = [];
    private readonly IHost _host;
    private readonly RecordingMessageActions _actions = new();

    public ServiceBusTimeoutTests()
    {
        _topic.Setup(t => t.ScheduleMessageAsync(It.IsAny<ServiceBusMessage>(), It.IsAny<DateTimeOffset>(), It.IsAny<CancellationToken>()))
            // The Orders projection also schedules a retry of the confirmation (its order was never created here); only timeouts count.
            .Callback<ServiceBusMessage, DateTimeOffset, CancellationToken>((m, at, _) =>
            {
                if (m.Subject == "ProcessTimeoutDue")
                {
                    _scheduled.Add((m, at));
                }
            })
            .ReturnsAsync(SequenceNumber);
        _topic.Setup(t => t.CreateMessageBatchAsync(It.IsAny<CancellationToken>()))
            .Returns(() => ValueTask.FromResult(ServiceBusModelFactory.ServiceBusMessageBatch(256 * 1024, [])));
        _host = EventFunctionsHost.Build(new Dictionary<string, string?>
        {
            ["Cqrs:Events:Transport"] = "ServiceBus",
            ["ConnectionStrings:ServiceBus"] = "Endpoint=sb://cqrs-test.servicebus.windows.net/;SharedAccessKeyName=test;SharedAccessKey=dGVzdA==",
        }, services =>
        {
            services.Replace(ServiceDescriptor.Singleton<TimeProvider>(_clock));
            services.Replace(ServiceDescriptor.Singleton(_topic.Object));
        });
    }

    public void Dispose() => _host.Dispose();

    [Fact]
    public async Task AConfirmedOrder_SchedulesItsPaymentTimeout_OnTheTopic_WithAMessageIdOfItsOwn()
    {
        var confirmation = Confirmed(out var orderId);

        Assert.Equal("complete", await SettleAsync(confirmation));

        var (message, at) = Assert.Single(_scheduled);
        var waiting = Assert.Single(await Timeouts.ListAsync(10, overdueOnly: false, CancellationToken.None));
        Assert.Equal(_clock.GetUtcNow() + TimeSpan.FromMinutes(15), at);
        Assert.Equal((waiting.TimeoutId.ToString(), "ProcessTimeoutDue"), (message.MessageId, message.Subject));
        Assert.NotEqual(confirmation.MessageId, message.MessageId);
        Assert.Equal("cqrs-handlers", message.ApplicationProperties[ServiceBusEventMessages.RedeliveryForProperty]);
        Assert.Equal((orderId, SequenceNumber.ToString(System.Globalization.CultureInfo.InvariantCulture)), (waiting.CorrelationId, waiting.Handle));
    }

    [Fact]
    public async Task CancellingTheTimeout_CancelsTheScheduledMessage_BySequenceNumber_AndALateDeliveryIsANoOp()
    {
        await SettleAsync(Confirmed(out _));
        var (message, _) = Assert.Single(_scheduled);
        var waiting = Assert.Single(await Timeouts.ListAsync(10, overdueOnly: false, CancellationToken.None));

        Assert.True(await Timeouts.CancelAsync(waiting.TimeoutId, CancellationToken.None));

        _topic.Verify(t => t.CancelScheduledMessageAsync(SequenceNumber, It.IsAny<CancellationToken>()), Times.Once);
        _actions.Settlements.Clear();
        _clock.Advance(TimeSpan.FromMinutes(15));
        Assert.Equal("complete", await SettleAsync(Received(message)));
        Assert.Empty(await Timeouts.ListAsync(10, overdueOnly: false, CancellationToken.None));
    }

    [Fact]
    public async Task Rescheduling_SchedulesANewMessageAtTheNewTime_AndCancelsTheOld()
    {
        await SettleAsync(Confirmed(out _));
        var waiting = Assert.Single(await Timeouts.ListAsync(10, overdueOnly: false, CancellationToken.None));
        var later = waiting.DueAt + TimeSpan.FromHours(2);

        var replacement = await Timeouts.RescheduleAsync(waiting.TimeoutId, later, CancellationToken.None);

        Assert.Equal(2, _scheduled.Count);
        Assert.Equal((replacement!.TimeoutId.ToString(), later), (_scheduled[1].Message.MessageId, _scheduled[1].At));
        _topic.Verify(t => t.CancelScheduledMessageAsync(SequenceNumber, It.IsAny<CancellationToken>()), Times.Once);
    }

    private ProcessTimeouts Timeouts => _host.Services.GetRequiredService<ProcessTimeouts>();

    private async Task<string> SettleAsync(ServiceBusReceivedMessage message)
    {
        var function = new ServiceBusEventFunction(_host.Services.GetRequiredService<ServiceBusEventDelivery>());
        await function.RunAsync(message, _actions, CancellationToken.None);
        return Assert.Single(_actions.Settlements);
    }

    private static ServiceBusReceivedMessage Confirmed(out string orderId)
    {
        orderId = Guid.NewGuid().ToString("N");
        return ServiceBusModelFactory.ServiceBusReceivedMessage(
            body: BinaryData.FromString($$"""{"orderId":"{{orderId}}","customerId":"c1","total":19,"orderVersion":2,"occurredAt":"2026-11-24T12:00:00Z"}"""),
            messageId: Guid.NewGuid().ToString(), subject: "OrderConfirmed");
    }

    private static ServiceBusReceivedMessage Received(ServiceBusMessage sent) => ServiceBusModelFactory.ServiceBusReceivedMessage(
        body: sent.Body, messageId: sent.MessageId, subject: sent.Subject, properties: sent.ApplicationProperties, deliveryCount: 1);
}
