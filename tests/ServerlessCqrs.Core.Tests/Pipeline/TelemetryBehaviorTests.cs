using System.Diagnostics;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using ServerlessCqrs.Core.Tests.Fixtures;
using ServerlessCqrs.Diagnostics;

namespace ServerlessCqrs.Core.Tests.Pipeline;

public sealed class TelemetryBehaviorTests
{
    [Fact]
    public async Task Command_GetsASpanWithItsTags_AndADurationMeasurement()
    {
        using var services = TestKernel.Build(TestKernel.AllHandlers);
        using var durations = Collect(services, CqrsDiagnostics.Instruments.CommandDuration);
        using var spans = new SpanCollector();

        await services.Bus().SendAsync(new Ping { Text = "x" });

        var span = spans.Named("command Ping");
        Assert.Equal(spans.Root.SpanId, span.ParentSpanId);
        Assert.Equal("command", span.GetTagItem(CqrsDiagnostics.Tags.MessageKind));
        Assert.Equal("Ping", span.GetTagItem(CqrsDiagnostics.Tags.MessageType));
        Assert.Equal("PingHandler", span.GetTagItem(CqrsDiagnostics.Tags.Handler));
        Assert.Equal("success", span.GetTagItem(CqrsDiagnostics.Tags.Outcome));
        Assert.Equal(0, span.GetTagItem(CqrsDiagnostics.Tags.RetryCount));
        Assert.Equal(ActivityStatusCode.Unset, span.Status);

        var measurement = Assert.Single(durations.GetMeasurementSnapshot());
        Assert.True(measurement.Value >= 0);
        Assert.Equal("Ping", measurement.Tags[CqrsDiagnostics.Tags.MessageType]);
        Assert.Equal("success", measurement.Tags[CqrsDiagnostics.Tags.Outcome]);
    }

    [Fact]
    public async Task ExpectedFailure_IsAnOutcome_NotASpanError()
    {
        using var services = TestKernel.Build(TestKernel.AllHandlers);
        using var durations = Collect(services, CqrsDiagnostics.Instruments.QueryDuration);
        using var spans = new SpanCollector();

        await services.Bus().QueryAsync(new CountThings { Of = 99 });

        var span = spans.Named("query count-things");
        Assert.Equal("validation", span.GetTagItem(CqrsDiagnostics.Tags.Outcome));
        Assert.Equal(ActivityStatusCode.Unset, span.Status);
        Assert.Equal("validation", Assert.Single(durations.GetMeasurementSnapshot()).Tags[CqrsDiagnostics.Tags.Outcome]);
    }

    [Fact]
    public async Task Fault_MarksTheSpanAndTheMeasurementWithItsErrorType()
    {
        using var services = TestKernel.Build(b => b.AddHandler<FlakyHandler>());
        services.GetRequiredService<Probe>().FailNext(nameof(Flaky), new InvalidOperationException("secret detail"));
        using var durations = Collect(services, CqrsDiagnostics.Instruments.CommandDuration);
        using var spans = new SpanCollector();

        await Assert.ThrowsAsync<InvalidOperationException>(async () => await services.Bus().SendAsync(new Flaky()));

        var span = spans.Named("command Flaky");
        Assert.Equal(ActivityStatusCode.Error, span.Status);
        Assert.Equal("System.InvalidOperationException", span.GetTagItem(CqrsDiagnostics.Tags.ErrorType));
        Assert.DoesNotContain(span.Tags, t => t.Value?.Contains("secret", StringComparison.Ordinal) == true);
        var measurement = Assert.Single(durations.GetMeasurementSnapshot());
        Assert.Equal("fault", measurement.Tags[CqrsDiagnostics.Tags.Outcome]);
        Assert.Equal("System.InvalidOperationException", measurement.Tags[CqrsDiagnostics.Tags.ErrorType]);
    }

    [Fact]
    public void SpanNames_FollowTheMessageKind()
    {
        Assert.Equal("command A", CqrsDiagnostics.SpanNames.ForMessage(MessageKind.Command, "A"));
        Assert.Equal("query A", CqrsDiagnostics.SpanNames.ForMessage(MessageKind.Query, "A"));
        Assert.Equal("event A", CqrsDiagnostics.SpanNames.ForMessage(MessageKind.Event, "A"));
        Assert.Equal("process q", CqrsDiagnostics.SpanNames.Process("q"));
        Assert.Equal("rule_violation", CqrsDiagnostics.Outcomes.For(ErrorKind.RuleViolation));
        Assert.Equal("not_found", CqrsDiagnostics.Outcomes.For(ErrorKind.NotFound));
        Assert.Equal("conflict", CqrsDiagnostics.Outcomes.For(ErrorKind.Conflict));
        Assert.Equal("concurrency", CqrsDiagnostics.Outcomes.For(ErrorKind.Concurrency));
    }

    private static MetricCollector<double> Collect(IServiceProvider services, string instrument) =>
        new(services.GetRequiredService<IMeterFactory>(), CqrsDiagnostics.MeterName, instrument);
}
