using Microsoft.Extensions.Logging;
using ServerlessCqrs.Core.Tests.Fixtures;

namespace ServerlessCqrs.Core.Tests.Pipeline;

public sealed class LoggingBehaviorTests
{
    [Fact]
    public async Task HandledMessage_LogsThePlannedFields_InItsBusCategory()
    {
        using var services = TestKernel.Build(TestKernel.AllHandlers);

        await services.Bus().SendAsync(new Ping { Text = "secret-7" });

        var record = Assert.Single(services.GetFakeLogCollector().GetSnapshot());
        Assert.Equal("ServerlessCqrs.Commands", record.Category);
        Assert.Equal(LogLevel.Information, record.Level);
        Assert.Equal("MessageHandled", record.Id.Name);
        Assert.Equal("command", record.GetStructuredStateValue("bus"));
        Assert.Equal("Ping", record.GetStructuredStateValue("type"));
        Assert.Equal("PingHandler", record.GetStructuredStateValue("handler"));
        Assert.Equal("success", record.GetStructuredStateValue("status"));
        Assert.Equal("0", record.GetStructuredStateValue("retryCount"));
        Assert.True(double.Parse(record.GetStructuredStateValue("durationMs")!, System.Globalization.CultureInfo.InvariantCulture) >= 0);
        Assert.DoesNotContain("secret-7", record.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(record.StructuredState!, s => s.Value == "secret-7");
    }

    [Fact]
    public async Task ExpectedFailure_LogsItsStatusAndErrorCode()
    {
        using var services = TestKernel.Build(TestKernel.AllHandlers);

        await services.Bus().SendAsync(new Touch { Id = "missing" });

        var record = Assert.Single(services.GetFakeLogCollector().GetSnapshot());
        Assert.Equal("MessageRejected", record.Id.Name);
        Assert.Equal("not_found", record.GetStructuredStateValue("status"));
        Assert.Equal("thing_not_found", record.GetStructuredStateValue("errorCode"));
    }

    [Fact]
    public async Task Fault_IsLoggedAsAnErrorWithTheException()
    {
        using var services = TestKernel.Build(b => b.AddHandler<FlakyHandler>());
        services.GetRequiredService<Probe>().FailNext(nameof(Flaky), new InvalidOperationException("boom"));

        await Assert.ThrowsAsync<InvalidOperationException>(async () => await services.Bus().SendAsync(new Flaky()));

        var record = Assert.Single(services.GetFakeLogCollector().GetSnapshot(), r => r.Id.Name == "MessageFailed");
        Assert.Equal(LogLevel.Error, record.Level);
        Assert.IsType<InvalidOperationException>(record.Exception);
        Assert.Equal("InvalidOperationException", record.GetStructuredStateValue("errorCode"));
    }

    [Fact]
    public async Task InformationDisabled_LogsNothingForSuccess()
    {
        var services = TestKernel.Services(TestKernel.AllHandlers);
        services.AddLogging(b => b.SetMinimumLevel(LogLevel.Warning));
        using var provider = services.BuildServiceProvider();

        await provider.Bus().SendAsync(new Ping { Text = "x" });

        Assert.Empty(provider.GetFakeLogCollector().GetSnapshot());
    }
}
