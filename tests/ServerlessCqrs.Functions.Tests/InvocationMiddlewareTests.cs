using System.Diagnostics;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using ServerlessCqrs.Diagnostics;
using ServerlessCqrs.Functions.Middleware;

namespace ServerlessCqrs.Functions.Tests;

public sealed class InvocationMiddlewareTests
{
    private readonly RecordingHttpResult _httpResult = new();
    private readonly ServiceProvider _services = new ServiceCollection().AddFakeLogging().BuildServiceProvider();

    private InvocationMiddleware Middleware() =>
        new(_httpResult, _services.GetRequiredService<Microsoft.Extensions.Logging.ILogger<InvocationMiddleware>>());

    private FakeFunctionContext HttpInvocation(out DefaultHttpContext http)
    {
        var context = new FakeFunctionContext("SendCommand", "httpTrigger", _services);
        http = new DefaultHttpContext { RequestServices = _services };
        http.Request.Method = "POST";
        http.Response.Body = new MemoryStream();
        context.Items["HttpRequestContext"] = http;
        return context;
    }

    [Fact]
    public async Task HttpInvocation_GetsAServerSpan_ThatContinuesTheCallersTraceparent()
    {
        using var spans = new SpanCollector();
        var callerSpan = ActivitySpanId.CreateRandom();
        var context = HttpInvocation(out var http);
        http.Request.Headers.TraceParent = $"00-{spans.Root.TraceId}-{callerSpan}-01";
        spans.Root.Stop();
        Activity.Current = null;
        var ran = false;

        await Middleware().Invoke(context, _ =>
        {
            ran = true;
            http.Response.StatusCode = 201;
            return Task.CompletedTask;
        });

        Assert.True(ran);
        var span = spans.Named("SendCommand");
        Assert.Equal(ActivityKind.Server, span.Kind);
        Assert.Equal(callerSpan, span.ParentSpanId);
        Assert.Equal("http", span.GetTagItem(FunctionsDiagnostics.Tags.FaasTrigger));
        Assert.Equal(context.InvocationId, span.GetTagItem(FunctionsDiagnostics.Tags.FaasInvocationId));
        Assert.Equal("POST", span.GetTagItem(FunctionsDiagnostics.Tags.HttpRequestMethod));
        Assert.Equal(201, span.GetTagItem(FunctionsDiagnostics.Tags.HttpResponseStatusCode));
        Assert.Null(_httpResult.Result);
    }

    [Fact]
    public async Task HttpFault_Answers500Problem_WithoutInternals()
    {
        using var spans = new SpanCollector();
        var context = HttpInvocation(out var http);

        await Middleware().Invoke(context, _ => throw new InvalidOperationException("Password=hunter2"));

        Assert.Same(context, _httpResult.Context);
        await _httpResult.Result!.ExecuteAsync(http);
        Assert.Equal(500, http.Response.StatusCode);
        Assert.Equal("application/problem+json; charset=utf-8", http.Response.ContentType);
        var body = Encoding.UTF8.GetString(((MemoryStream)http.Response.Body).ToArray());
        Assert.DoesNotContain("hunter2", body, StringComparison.Ordinal);
        using var problem = JsonDocument.Parse(body);
        Assert.Equal("internal_error", problem.RootElement.GetProperty("code").GetString());
        Assert.Contains(spans.Root.TraceId.ToString(), problem.RootElement.GetProperty("traceId").GetString(), StringComparison.Ordinal);

        var span = spans.Named("SendCommand");
        Assert.Equal(ActivityStatusCode.Error, span.Status);
        Assert.Equal("System.InvalidOperationException", span.GetTagItem(CqrsDiagnostics.Tags.ErrorType));
        Assert.Equal(500, span.GetTagItem(FunctionsDiagnostics.Tags.HttpResponseStatusCode));
        Assert.Contains(_services.GetFakeLogCollector().GetSnapshot(), r => r.Id.Name == "InvocationFaulted" && r.Exception is InvalidOperationException);
    }

    [Fact]
    public async Task RejectedRequest_KeepsItsStatus()
    {
        var context = HttpInvocation(out var http);

        await Middleware().Invoke(context, _ => throw new BadHttpRequestException("too big", StatusCodes.Status413PayloadTooLarge));

        await _httpResult.Result!.ExecuteAsync(http);
        Assert.Equal(413, http.Response.StatusCode);
    }

    [Fact]
    public async Task QueueFault_IsRethrown_SoTheHostRetries()
    {
        using var spans = new SpanCollector();
        var context = new FakeFunctionContext("ProcessEvent", "queueTrigger", _services);

        await Assert.ThrowsAsync<TimeoutException>(() => Middleware().Invoke(context, _ => throw new TimeoutException()));

        var span = spans.Named("ProcessEvent");
        Assert.Equal(ActivityKind.Consumer, span.Kind);
        Assert.Equal("pubsub", span.GetTagItem(FunctionsDiagnostics.Tags.FaasTrigger));
        Assert.Equal(ActivityStatusCode.Error, span.Status);
        Assert.Null(_httpResult.Result);
    }

    [Fact]
    public async Task TimerInvocation_ContinuesTheHostsTraceContext()
    {
        using var spans = new SpanCollector();
        var hostSpan = ActivitySpanId.CreateRandom();
        var context = new FakeFunctionContext("SweepOutbox", "timerTrigger", _services);
        context.Trace.Parent = $"00-{spans.Root.TraceId}-{hostSpan}-01";
        spans.Root.Stop();
        Activity.Current = null;

        await Middleware().Invoke(context, _ => Task.CompletedTask);

        var span = spans.Named("SweepOutbox");
        Assert.Equal(ActivityKind.Internal, span.Kind);
        Assert.Equal(hostSpan, span.ParentSpanId);
        Assert.Equal("timer", span.GetTagItem(FunctionsDiagnostics.Tags.FaasTrigger));
    }

    [Theory]
    [InlineData("serviceBusTrigger", "pubsub")]
    [InlineData("blobTrigger", "datasource")]
    [InlineData("somethingElse", "other")]
    public async Task TriggerTypes_MapToFaasTrigger(string bindingType, string expected)
    {
        using var spans = new SpanCollector();
        var context = new FakeFunctionContext("F" + bindingType, bindingType, _services);

        await Middleware().Invoke(context, _ => Task.CompletedTask);

        Assert.Equal(expected, spans.Named("F" + bindingType).GetTagItem(FunctionsDiagnostics.Tags.FaasTrigger));
    }

    private sealed class RecordingHttpResult : IHttpInvocationResult
    {
        public FunctionContext? Context { get; private set; }

        public IResult? Result { get; private set; }

        public void Set(FunctionContext context, IResult result) => (Context, Result) = (context, result);
    }
}
