using System.Diagnostics;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using ServerlessCqrs.Diagnostics;
using ServerlessCqrs.Functions.Middleware;

namespace ServerlessCqrs.Functions.Tests;

/// <summary>Tests that need no span listener anywhere in the process: they run after the parallel ones.</summary>
[CollectionDefinition(nameof(NoSpanListener), DisableParallelization = true)]
public sealed class NoSpanListener;

/// <summary>Without an exporter nobody listens to spans; a problem still quotes a W3C trace id.</summary>
[Collection(nameof(NoSpanListener))]
public sealed class InvocationTraceIdTests
{
    private readonly ServiceProvider _services = new ServiceCollection().AddFakeLogging().BuildServiceProvider();

    [Fact]
    public async Task HttpFault_WithoutListeners_QuotesTheHostsTraceId_NotTheRequestId()
    {
        var hostTrace = ActivityTraceId.CreateRandom();
        var (context, http) = HttpInvocation();
        context.Trace.Parent = $"00-{hostTrace}-{ActivitySpanId.CreateRandom()}-01";

        var traceId = await FaultAsync(context, http);

        Assert.Matches($"^00-{hostTrace}-[0-9a-f]{{16}}-01$", traceId);
    }

    [Fact]
    public async Task HttpFault_WithoutListenersOrParent_QuotesANewW3CTraceId()
    {
        var (context, http) = HttpInvocation();

        var traceId = await FaultAsync(context, http);

        Assert.Matches("^00-[0-9a-f]{32}-[0-9a-f]{16}-0[01]$", traceId);
    }

    private (FakeFunctionContext Context, DefaultHttpContext Http) HttpInvocation()
    {
        var context = new FakeFunctionContext("SendCommand", "httpTrigger", _services);
        var http = new DefaultHttpContext { RequestServices = _services, TraceIdentifier = "0HN7:0000000D" };
        http.Response.Body = new MemoryStream();
        context.Items["HttpRequestContext"] = http;
        return (context, http);
    }

    private async Task<string?> FaultAsync(FakeFunctionContext context, DefaultHttpContext http)
    {
        Assert.False(CqrsDiagnostics.ActivitySource.HasListeners(), "a span listener is active, so the unobserved path is not tested");
        Activity.Current = null;
        var result = new CapturedResult();
        var middleware = new InvocationMiddleware(result, _services.GetRequiredService<Microsoft.Extensions.Logging.ILogger<InvocationMiddleware>>());

        await middleware.Invoke(context, _ => throw new InvalidOperationException("boom"));

        await result.Result!.ExecuteAsync(http);
        using var problem = JsonDocument.Parse(Encoding.UTF8.GetString(((MemoryStream)http.Response.Body).ToArray()));
        return problem.RootElement.GetProperty("traceId").GetString();
    }

    private sealed class CapturedResult : IHttpInvocationResult
    {
        public IResult? Result { get; private set; }

        public void Set(FunctionContext context, IResult result) => Result = result;
    }
}
