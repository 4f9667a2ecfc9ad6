using Microsoft.Extensions.DependencyInjection.Extensions;
using ServerlessCqrs.Events;
using ServerlessCqrs.Processes;

namespace ServerlessCqrs.Core.Tests.Processes;

/// <summary>The kernel's rules for process managers, with a process that is not idempotent by itself.</summary>
public sealed class ProcessRuntimeTests
{
    [Fact]
    public async Task AStepThatFailsAfterSaving_IsFinishedByTheRedelivery_WithoutDecidingAgain()
    {
        var scheduler = new SchedulerThatFailsOnce();
        await using var kit = CqrsTestKit.Create(cqrs => cqrs.AddMessage<Counted>().AddProcess<TallyProcess>(),
            new Dictionary<string, string?> { ["Cqrs:Resilience:Default:MaxRetryAttempts"] = "0" },
            services => services.Replace(ServiceDescriptor.Singleton<IEventScheduler>(scheduler)));
        var counted = new Counted { Key = "k1", OccurredAt = kit.Time.GetUtcNow() };

        await kit.PublishAsync(counted);
        Assert.Single(kit.FailedDeliveries);
        await kit.PublishAsync(counted);

        // Decided once: one reminder (deciding again would have counted 2 and asked for a second).
        var waiting = Assert.Single(await Timeouts(kit).ListAsync(10, overdueOnly: false, CancellationToken.None));
        Assert.Equal(("TallyProcess", "k1", "Reminder", "scheduled-2"), (waiting.Process, waiting.CorrelationId, waiting.Timeout, waiting.Handle));
    }

    [Fact]
    public async Task ADistinctEvent_IsDecidedAgain()
    {
        await using var kit = CqrsTestKit.Create(cqrs => cqrs.AddMessage<Counted>().AddProcess<TallyProcess>());

        await kit.PublishAsync(new Counted { Key = "k2", OccurredAt = kit.Time.GetUtcNow() });
        await kit.PublishAsync(new Counted { Key = "k2", OccurredAt = kit.Time.GetUtcNow() });

        Assert.Equal(2, (await Timeouts(kit).ListAsync(10, overdueOnly: false, CancellationToken.None)).Count);
        Assert.Empty(kit.FailedDeliveries);
    }

    [Fact]
    public async Task ATimeoutThatCameDue_CompletesTheProcess_AndCancelsItsOtherTimeouts()
    {
        await using var kit = CqrsTestKit.Create(cqrs => cqrs.AddMessage<Counted>().AddProcess<TallyProcess>());
        await kit.PublishAsync(new Counted { Key = "k3", OccurredAt = kit.Time.GetUtcNow() });
        kit.Time.Advance(TimeSpan.FromMinutes(30));
        await kit.PublishAsync(new Counted { Key = "k3", OccurredAt = kit.Time.GetUtcNow() });

        kit.Time.Advance(TimeSpan.FromMinutes(30));

        await Eventually.HoldsAsync(async () => (await Timeouts(kit).ListAsync(10, overdueOnly: false, CancellationToken.None)).Count == 0,
            "the first reminder completed the process, which cancelled the second");
        kit.Time.Advance(TimeSpan.FromHours(1));
        Assert.Empty(kit.FailedDeliveries);
    }

    [Fact]
    public async Task AProcessReactingToAnEventNoOneRegistered_StopsTheHost_NamingIt()
    {
        await using var kit = CqrsTestKit.Create(cqrs => cqrs.AddProcess<TallyProcess>());

        var failure = Assert.Throws<InvalidOperationException>(() => kit.Services.GetRequiredService<ServerlessCqrs.Registry.MessageRegistry>());

        Assert.Contains("TallyProcess reacts to an event named 'Counted', but no registered event has that name", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AskingForATimeoutWithoutItsHandler_OrAfterCompleting_Fails()
    {
        var context = new ProcessContext<Tally>("k", null, ProcessStatus.Running, [], DateTimeOffset.UnixEpoch);
        context.Complete();

        Assert.Throws<InvalidOperationException>(() => context.RequestTimeout(TimeSpan.FromMinutes(1), new Reminder()));
        Assert.Throws<ArgumentOutOfRangeException>(() =>
            new ProcessContext<Tally>("k", null, ProcessStatus.Running, [], DateTimeOffset.UnixEpoch).RequestTimeout(TimeSpan.FromMinutes(-1), new Reminder()));
        var undeclared = new TallyProcess();
        var failure = Assert.Throws<InvalidOperationException>(() => undeclared.Decide(
            null, "k", (c, _) => ((ProcessContext<Tally>)c).RequestTimeout(TimeSpan.FromMinutes(1), "not a declared timeout"), new object(), DateTimeOffset.UnixEpoch,
            System.Text.Json.JsonSerializerOptions.Web));
        Assert.Contains("declares no OnTimeout<String>", failure.Message, StringComparison.Ordinal);
    }

    private static ProcessTimeouts Timeouts(CqrsTestKit kit) => kit.Services.GetRequiredService<ProcessTimeouts>();
}
