using System.Net;
using System.Text;
using ServerlessCqrs.Testing.Otlp;

namespace ServerlessCqrs.IntegrationTests.Telemetry;

/// <summary>
/// The LocalHost exporting to a real OTLP/HTTP receiver as it would to OpenObserve: paths, headers,
/// streams, one trace from the HTTP request to the event handler, metric names, log fields — and
/// the token nowhere in what was sent or logged.
/// </summary>
public sealed class OpenObserveExportTests
{
    private const string Token = "c2VjcmV0LXVzZXI6aHVudGVyMg-TEST-TOKEN";

    [Fact]
    public async Task CreateOrder_IsOneTraceFromHttpToHandler_AndLogsAndMetricsReachTheirStreams()
    {
        await using var receiver = await OtlpReceiver.StartAsync();
        await using var host = await LocalHostProcess.StartAsync(new Dictionary<string, string?>
        {
            ["OPENOBSERVE_URL"] = receiver.Address.ToString(),
            ["OPENOBSERVE_ORGANIZATION"] = "acme",
            ["OPENOBSERVE_TOKEN"] = Token,
            ["OPENOBSERVE_FLUSH_INTERVAL"] = "200",
            ["OPENOBSERVE_TRACING_SAMPLING_RATE"] = "1",
            ["SERVICE_NAME"] = "orders-api",
            ["Logging__LogLevel__Default"] = "Information",
        });
        using var client = host.CreateClient();

        var orderId = await client.CreateOrderAsync("telemetry-" + Guid.NewGuid().ToString("N"));

        string[] expected = ["command CreateOrder", "send events", "process events", "event OrderCreated"];
        OtlpExports.SpanView[] trace = [];
        await Eventually.HoldsAsync(() =>
        {
            var spans = receiver.Of("traces").SelectMany(e => OtlpExports.Spans(e.Body)).ToArray();
            var command = spans.FirstOrDefault(s => s.Name == "command CreateOrder");
            trace = command is null ? [] : [.. spans.Where(s => s.TraceId == command.TraceId)];
            return expected.All(name => trace.Any(s => s.Name == name)) && trace.Any(s => s.Name.StartsWith("POST", StringComparison.Ordinal));
        }, "the HTTP, command, send, process and handler spans arrive under one trace id", TimeSpan.FromSeconds(20));

        var http = trace.Single(s => s.Name.StartsWith("POST", StringComparison.Ordinal));
        Assert.Equal("", http.ParentSpanId.Trim('0'));
        Assert.Equal(http.SpanId, trace.Single(s => s.Name == "command CreateOrder").ParentSpanId);

        string[] metrics = ["cqrs.commands", "cqrs.command.duration", "cqrs.events.published", "cqrs.events.handled"];
        // The handler's counter is recorded after the command's, so it may come one export later.
        await Eventually.HoldsAsync(() =>
            receiver.Of("logs").Any(e => e.StreamName == "cqrs-commands") && receiver.Of("logs").Any(e => e.StreamName == "cqrs-events")
            && !metrics.Except(receiver.Of("metrics").SelectMany(e => OtlpExports.MetricNames(e.Body))).Any(),
            "command and event logs reach their streams, every metric arrives");

        foreach (var export in receiver.Exports)
        {
            Assert.StartsWith("/api/acme/v1/", export.Path, StringComparison.Ordinal);
            Assert.Equal("application/x-protobuf", export.ContentType);
            Assert.Equal("Basic " + Token, export.Authorization);
        }

        Assert.All(receiver.Of("traces"), e => Assert.Equal("traces", e.StreamName));
        Assert.All(receiver.Of("metrics"), e => Assert.Null(e.StreamName));
        var commandLog = receiver.Of("logs").Where(e => e.StreamName == "cqrs-commands").SelectMany(e => OtlpExports.Logs(e.Body))
            .First(r => r.Attributes.GetValueOrDefault("type") == "CreateOrder");
        Assert.Empty(new[] { "bus", "type", "status", "handler", "durationMs", "retryCount" }.Except(commandLog.Attributes.Keys));
        Assert.Equal(("command", "success", "orders-api"), (commandLog.Attributes["bus"], commandLog.Attributes["status"], commandLog.Resource["service.name"]));

        // The token is only ever in the Authorization header: not in any body, nor in the host's own output.
        var secret = Encoding.UTF8.GetBytes(Token);
        Assert.All(receiver.Exports, e => Assert.Equal(-1, e.Body.AsSpan().IndexOf(secret)));
        Assert.DoesNotContain(host.Output, line => line.Contains(Token, StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/api/queries/GetOrder?orderId={orderId}")).StatusCode);
    }

    [Fact]
    public async Task WithoutOpenObserve_TheStandardOtelVariables_ReachAnyOtlpBackend()
    {
        await using var receiver = await OtlpReceiver.StartAsync();
        await using var host = await LocalHostProcess.StartAsync(new Dictionary<string, string?>
        {
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = receiver.Address.ToString(),
            ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
            ["OTEL_BSP_SCHEDULE_DELAY"] = "200",
            ["OTEL_METRIC_EXPORT_INTERVAL"] = "200",
        });
        using var client = host.CreateClient();

        await client.CreateOrderAsync("otel-" + Guid.NewGuid().ToString("N"));

        await Eventually.HoldsAsync(
            () => receiver.Of("traces").SelectMany(e => OtlpExports.Spans(e.Body)).Any(s => s.Name == "command CreateOrder")
                && receiver.Of("metrics").Any(),
            "spans and metrics reach /v1/traces and /v1/metrics");
        Assert.All(receiver.Exports, e => Assert.Null(e.StreamName));
    }

    [Fact]
    public async Task BadSetting_StopsTheHost_NamingTheVariable_WithoutTheToken()
    {
        var failure = await Assert.ThrowsAsync<InvalidOperationException>(() => LocalHostProcess.StartAsync(new Dictionary<string, string?>
        {
            ["OPENOBSERVE_URL"] = "http://127.0.0.1:1",
            ["OPENOBSERVE_ORGANIZATION"] = "acme",
            ["OPENOBSERVE_TOKEN"] = Token,
            ["OPENOBSERVE_TRACING_SAMPLING_RATE"] = "2",
        }));

        Assert.Contains("OPENOBSERVE_TRACING_SAMPLING_RATE must be a number between 0 and 1; it is 2.", failure.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Token, failure.Message, StringComparison.Ordinal);
    }
}
