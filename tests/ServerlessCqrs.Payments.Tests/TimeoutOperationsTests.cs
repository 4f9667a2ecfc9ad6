using System.Diagnostics.Metrics;
using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using ServerlessCqrs.Diagnostics;
using ServerlessCqrs.Events;
using ServerlessCqrs.Housekeeping;
using ServerlessCqrs.Orders;
using ServerlessCqrs.Orders.Domain;
using ServerlessCqrs.Orders.Events;
using ServerlessCqrs.Processes;

namespace ServerlessCqrs.Payments.Tests;

/// <summary>What operators do with a waiting process's timeout: list it, cancel it, move it; and how a lost one shows up.</summary>
public sealed class TimeoutOperationsTests
{
    [Fact]
    public async Task ACancelledTimeout_NeverReachesTheProcess()
    {
        await using var kit = PaymentKit.Create();
        var orderId = await PaymentKit.ConfirmedOrderAsync(kit);
        var timeouts = kit.Services.GetRequiredService<ProcessTimeouts>();
        var waiting = Assert.Single(await timeouts.ListAsync(10, overdueOnly: false, CancellationToken.None));

        Assert.True(await timeouts.CancelAsync(waiting.TimeoutId, CancellationToken.None));

        kit.Time.Advance(PaymentKit.Timeout + TimeSpan.FromHours(1));
        Assert.Equal(OrderStatus.Confirmed, await PaymentKit.OrderStatusAsync(kit, orderId));
        Assert.Empty(await timeouts.ListAsync(10, overdueOnly: false, CancellationToken.None));
        Assert.False(await timeouts.CancelAsync(waiting.TimeoutId, CancellationToken.None));
    }

    [Fact]
    public async Task ARescheduledTimeout_FiresAtTheNewTimeOnly()
    {
        await using var kit = PaymentKit.Create();
        var orderId = await PaymentKit.ConfirmedOrderAsync(kit);
        var timeouts = kit.Services.GetRequiredService<ProcessTimeouts>();
        var waiting = Assert.Single(await timeouts.ListAsync(10, overdueOnly: false, CancellationToken.None));
        var later = waiting.DueAt + TimeSpan.FromHours(1);

        var replacement = await timeouts.RescheduleAsync(waiting.TimeoutId, later, CancellationToken.None);

        Assert.NotNull(replacement);
        Assert.NotEqual(waiting.TimeoutId, replacement.TimeoutId);
        Assert.Equal(later, Assert.Single(await timeouts.ListAsync(10, overdueOnly: false, CancellationToken.None)).DueAt);
        kit.Time.Advance(PaymentKit.Timeout);
        Assert.Equal(OrderStatus.Confirmed, await PaymentKit.OrderStatusAsync(kit, orderId));
        await PaymentKit.PassAsync(kit, TimeSpan.FromHours(1),
            async () => await PaymentKit.OrderStatusAsync(kit, orderId) == OrderStatus.Cancelled, "the order is cancelled at the new time");
        Assert.Single(kit.PublishedEvents.OfType<OrderCancelled>());
    }

    [Fact]
    public async Task ATimeoutTheTransportLost_IsListedOverdue_AndCountedByTheAudit_AfterTheGracePeriod()
    {
        await using var kit = CqrsTestKit.Create(cqrs => cqrs.AddOrders().AddPayments(),
            services: services => services.Replace(ServiceDescriptor.Singleton<IEventScheduler, LosingScheduler>()));
        using var overdue = new MetricCollector<long>(kit.Services.GetRequiredService<IMeterFactory>(),
            CqrsDiagnostics.MeterName, CqrsDiagnostics.Instruments.ProcessTimeoutsOverdue);
        await PaymentKit.ConfirmedOrderAsync(kit);
        var timeouts = kit.Services.GetRequiredService<ProcessTimeouts>();
        var housekeeper = kit.Services.GetRequiredService<Housekeeper>();

        kit.Time.Advance(PaymentKit.Timeout + TimeSpan.FromMinutes(4));
        await housekeeper.RunAsync(CancellationToken.None);
        overdue.RecordObservableInstruments();
        Assert.Empty(await timeouts.ListAsync(10, overdueOnly: true, CancellationToken.None));
        Assert.Equal(0, overdue.LastMeasurement?.Value);

        kit.Time.Advance(TimeSpan.FromMinutes(2));
        await housekeeper.RunAsync(CancellationToken.None);
        overdue.RecordObservableInstruments();
        Assert.Single(await timeouts.ListAsync(10, overdueOnly: true, CancellationToken.None));
        Assert.Equal(1, overdue.LastMeasurement?.Value);
    }

    [Fact]
    public async Task TheAdminApi_ListsCancelsAndReschedules_WithProblemsForBadInput()
    {
        await using var kit = CqrsTestKit.Create(cqrs => cqrs.AddOrders().AddPayments(),
            new Dictionary<string, string?> { ["Cqrs:Http:EnableAdminApi"] = "true" });
        var orderId = await PaymentKit.ConfirmedOrderAsync(kit);
        using var http = await kit.CreateHttpClientAsync();

        var listed = await http.GetFromJsonAsync<ProcessTimeoutEntry[]>(new Uri("/api/ops/timeouts", UriKind.Relative));
        var waiting = Assert.Single(listed!);
        Assert.Equal(orderId, waiting.CorrelationId);
        var due = waiting.DueAt + TimeSpan.FromMinutes(30);
        var moved = await http.PostAsJsonAsync(new Uri($"/api/ops/timeouts/{waiting.TimeoutId}/reschedule", UriKind.Relative), new { dueAt = due });
        Assert.Equal(HttpStatusCode.OK, moved.StatusCode);
        var replacement = await moved.Content.ReadFromJsonAsync<ProcessTimeoutEntry>();
        Assert.Equal(due, replacement!.DueAt);

        Assert.Equal(HttpStatusCode.NotFound, (await http.DeleteAsync(new Uri($"/api/ops/timeouts/{waiting.TimeoutId}", UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await http.DeleteAsync(new Uri($"/api/ops/timeouts/{replacement.TimeoutId}", UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await http.DeleteAsync(new Uri("/api/ops/timeouts/not-a-guid", UriKind.Relative))).StatusCode);
        var noTime = await http.PostAsJsonAsync(new Uri($"/api/ops/timeouts/{Guid.NewGuid()}/reschedule", UriKind.Relative), new { when = "soon" });
        Assert.Equal(HttpStatusCode.BadRequest, noTime.StatusCode);
        Assert.Equal("application/problem+json", noTime.Content.Headers.ContentType?.MediaType);
        Assert.Empty((await http.GetFromJsonAsync<ProcessTimeoutEntry[]>(new Uri("/api/ops/timeouts?overdue=true", UriKind.Relative)))!);
    }

    /// <summary>A transport that accepts a scheduled delivery and never makes it: what a lost timer or a broken broker looks like.</summary>
    private sealed class LosingScheduler : IEventScheduler
    {
        public ValueTask<string> ScheduleAsync(EventEnvelope envelope, DateTimeOffset dueAt, CancellationToken cancellationToken) => ValueTask.FromResult("lost");

        public ValueTask<bool> CancelAsync(string handle, CancellationToken cancellationToken) => ValueTask.FromResult(false);
    }
}
