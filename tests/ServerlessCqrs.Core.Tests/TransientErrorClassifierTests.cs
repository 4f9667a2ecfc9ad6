using System.Net;
using System.Net.Sockets;
using Polly.Timeout;
using ServerlessCqrs.Core.Tests.Fixtures;
using ServerlessCqrs.Resilience;

namespace ServerlessCqrs.Core.Tests;

public sealed class TransientErrorClassifierTests
{
    public static TheoryData<Exception, bool> Cases => new()
    {
        { new TransientException(), true },
        { new TimeoutException(), true },
        { new TimeoutRejectedException(), true },
        { new SocketException(), true },
        { new HttpRequestException("no status"), true },
        { new HttpRequestException("throttled", null, HttpStatusCode.TooManyRequests), true },
        { new HttpRequestException("broken", null, HttpStatusCode.BadGateway), true },
        { new HttpRequestException("bad request", null, HttpStatusCode.BadRequest), false },
        { new InvalidOperationException(), false },
        { new OperationCanceledException(), false },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Defaults_ClassifyCommonFailures(Exception exception, bool transient)
    {
        using var services = TestKernel.Build(TestKernel.AllHandlers);

        Assert.Equal(transient, services.GetRequiredService<ITransientErrorClassifier>().IsTransient(exception));
    }

    [Fact]
    public void AddTransientException_AddsARule_WithAnOptionalCondition()
    {
        using var services = TestKernel.Build(b => TestKernel.AllHandlers(
            b.AddTransientException<IOException>(e => e.Message.Contains("retry", StringComparison.Ordinal))));
        var classifier = services.GetRequiredService<ITransientErrorClassifier>();

        Assert.True(classifier.IsTransient(new IOException("please retry")));
        Assert.False(classifier.IsTransient(new IOException("disk gone")));
    }
}
