using System.Diagnostics;
using Microsoft.Extensions.Configuration;
using OpenTelemetry;
using OpenTelemetry.Trace;
using ServerlessCqrs.Diagnostics;
using ServerlessCqrs.Orders;

namespace ServerlessCqrs.IntegrationTests.Telemetry;

/// <summary>
/// The span tree of create -> event -> projection, exported by the OpenTelemetry SDK to its in-memory
/// exporter, through the in-process transport and through a real Storage Queue: one trace throughout.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class SpanTreeTests(AzuriteFixture azurite)
{
    [Theory]
    [InlineData("InProcess", "events", "inprocess")]
    [InlineData("StorageQueue", null, "azure_storage_queue")]
    public async Task CreateOrder_CommandSendProcessAndHandler_AreOneTrace(string transport, string? destination, string system)
    {
        var settings = azurite.Settings(store: "InMemory", transport: transport);
        destination ??= settings["Cqrs:Events:StorageQueue:QueueName"];
        var exported = new List<Activity>();
        using var tracing = Sdk.CreateTracerProviderBuilder().AddSource(CqrsDiagnostics.ActivitySourceName).AddInMemoryExporter(exported).Build();
        using var host = await CqrsTestHost.StartAsync(
            (_, cqrs) => cqrs.AddOrders().AddAzureAdapters(new ConfigurationBuilder().AddInMemoryCollection(settings).Build()), settings);
        using var root = new Activity("test-root").SetIdFormat(ActivityIdFormat.W3C);
        root.ActivityTraceFlags = ActivityTraceFlags.Recorded;
        root.Start();

        await host.Services.Bus().SendAsync(new CreateOrder
        {
            CustomerId = "spans",
            Lines = [new CreateOrderLine { Sku = "A-1", Quantity = 1, UnitPrice = 1 }],
        });
        root.Stop();
        Activity[] trace = [];
        string[] names = ["command CreateOrder", "send " + destination, "process " + destination, "event OrderCreated"];
        // The consumer span ends after the handler span inside it: wait for every span, not the handler's alone.
        await Eventually.HoldsAsync(() =>
        {
            tracing.ForceFlush();
            lock (exported)
            {
                trace = [.. exported.Where(a => a.TraceId == root.TraceId)];
            }

            return names.All(name => trace.Any(a => a.DisplayName == name));
        }, "the command, send, process and handler spans were exported");

        var command = trace.Single(a => a.DisplayName == "command CreateOrder");
        var send = trace.Single(a => a.DisplayName == "send " + destination);
        var process = trace.Single(a => a.DisplayName == "process " + destination);
        var handler = trace.Single(a => a.DisplayName == "event OrderCreated");
        Assert.Equal(root.SpanId, command.ParentSpanId);
        Assert.Equal((command.SpanId, ActivityKind.Producer), (send.ParentSpanId, send.Kind));
        Assert.Equal((command.SpanId, ActivityKind.Consumer), (process.ParentSpanId, process.Kind));
        Assert.Equal(process.SpanId, handler.ParentSpanId);
        Assert.Equal((system, system), (send.GetTagItem(CqrsDiagnostics.Tags.MessagingSystem), process.GetTagItem(CqrsDiagnostics.Tags.MessagingSystem)));
        Assert.Equal(send.GetTagItem(CqrsDiagnostics.Tags.MessagingMessageId), process.GetTagItem(CqrsDiagnostics.Tags.MessagingMessageId));
        Assert.Equal(("OrderSummaryProjection", "success"), (handler.GetTagItem(CqrsDiagnostics.Tags.Handler), handler.GetTagItem(CqrsDiagnostics.Tags.Outcome)));
        await host.StopAsync();
    }
}
