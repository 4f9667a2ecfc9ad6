using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;
using ServerlessCqrs.Core.Tests.Fixtures;
using ServerlessCqrs.Events;
using ServerlessCqrs.Outbox;

namespace ServerlessCqrs.Core.Tests.Outbox;

public sealed class OutboxTests
{
    private readonly FakeTimeProvider _time = new(DateTimeOffset.Parse("2026-11-24T10:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
    private readonly FlakyTransport _transport = new();

    private ServiceProvider Kernel() => TestKernel.Build(b =>
    {
        TestKernel.AllHandlers(b);
        b.Services.Replace(ServiceDescriptor.Singleton<TimeProvider>(_time));
        b.Services.Replace(ServiceDescriptor.Singleton<IEventTransport>(_transport));
    });

    private EventEnvelope Envelope(IServiceProvider services) =>
        services.GetRequiredService<EventEnvelopeFactory>().Create(new SomethingHappened { OccurredAt = _time.GetUtcNow() });

    [Fact]
    public async Task Relay_SendsAndMarksDispatched()
    {
        using var services = Kernel();
        var outbox = services.GetRequiredService<InMemoryOutbox>();
        var envelope = Envelope(services);
        outbox.Append([envelope]);

        await services.GetRequiredService<IOutboxRelay>().RelayAsync([envelope], default);

        Assert.Equal([envelope], _transport.Sent);
        Assert.Equal(0, outbox.PendingCount);
    }

    [Fact]
    public async Task FailedSend_NeverThrows_LeavesTheEventForTheSweeper_WhichSendsItOnceOldEnough()
    {
        using var services = Kernel();
        var outbox = services.GetRequiredService<InMemoryOutbox>();
        var relay = services.GetRequiredService<IOutboxRelay>();
        var envelope = Envelope(services);
        outbox.Append([envelope]);
        _transport.FailNextSend = true;

        await relay.RelayAsync([envelope], default);
        Assert.Equal(1, outbox.PendingCount);
        Assert.Contains(services.GetFakeLogCollector().GetSnapshot(), r => r.Id.Name == "OutboxRelayFailed");

        Assert.Equal(0, await relay.SweepAsync(default));
        _time.Advance(TimeSpan.FromSeconds(31));
        Assert.Equal(1, await relay.SweepAsync(default));

        Assert.Equal([envelope], _transport.Sent);
        Assert.Equal(0, outbox.PendingCount);
    }

    [Fact]
    public async Task Sweeper_RunsOnItsInterval_InTheHost()
    {
        var sent = new FlakyTransport { FailNextSend = true };
        using var host = await TestKernel.StartHostAsync(b =>
        {
            TestKernel.AllHandlers(b);
            b.Services.Replace(ServiceDescriptor.Singleton<IEventTransport>(sent));
        }, new Dictionary<string, string?> { ["Cqrs:Outbox:SweepInterval"] = "00:00:01", ["Cqrs:Outbox:PendingAge"] = "00:00:01" });

        await host.Services.GetRequiredService<IEventPublisher>().PublishAsync([new SomethingHappened { OccurredAt = DateTimeOffset.UtcNow }]);

        await Eventually.HoldsAsync(() => sent.Sent.Count == 1, "the sweeper re-sent the event");
        await host.StopAsync();
    }

    [Fact]
    public async Task Publisher_RecordsThenRelays()
    {
        using var services = Kernel();

        await services.GetRequiredService<IEventPublisher>().PublishAsync([new SomethingHappened { What = "x", OccurredAt = _time.GetUtcNow() }]);

        var sent = Assert.Single(_transport.Sent);
        Assert.Equal("SomethingHappened", sent.Name);
        Assert.Equal(0, services.GetRequiredService<InMemoryOutbox>().PendingCount);
    }

    [Fact]
    public async Task GetPending_ReturnsOldestFirst_UpToTheLimit()
    {
        using var services = Kernel();
        var outbox = services.GetRequiredService<InMemoryOutbox>();
        var first = Envelope(services);
        var second = Envelope(services);
        outbox.Append([first, second]);

        var pending = await outbox.GetPendingAsync(_time.GetUtcNow().AddSeconds(1), 1, default);

        Assert.Equal([first], pending);
    }

    private sealed class FlakyTransport : IEventTransport
    {
        public MessagingEndpoint Endpoint { get; } = new("test", "events");

        private readonly List<EventEnvelope> _sent = [];

        public bool FailNextSend { get; set; }

        public IReadOnlyList<EventEnvelope> Sent
        {
            get
            {
                lock (_sent)
                {
                    return [.. _sent];
                }
            }
        }

        public ValueTask SendAsync(IReadOnlyList<EventEnvelope> envelopes, CancellationToken cancellationToken)
        {
            if (FailNextSend)
            {
                FailNextSend = false;
                throw new HttpRequestException("The broker is unreachable.");
            }

            lock (_sent)
            {
                _sent.AddRange(envelopes);
            }

            return ValueTask.CompletedTask;
        }
    }
}
