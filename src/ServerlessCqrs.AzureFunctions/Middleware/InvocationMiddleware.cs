using System.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Middleware;
using Microsoft.Extensions.Logging;
using ServerlessCqrs.Diagnostics;
using ServerlessCqrs.Http;

namespace ServerlessCqrs.Functions.Middleware;

/// <summary>
/// The one middleware every invocation passes: an invocation span (<c>faas.trigger</c>,
/// <c>faas.invocation_id</c>) that continues the caller's trace, and fault mapping — an HTTP
/// invocation that throws answers a 500 problem; any other trigger rethrows so the host retries.
/// </summary>
public sealed partial class InvocationMiddleware(IHttpInvocationResult httpResult, ILogger<InvocationMiddleware> logger)
    : IFunctionsWorkerMiddleware
{
    /// <inheritdoc />
    public async Task Invoke(FunctionContext context, FunctionExecutionDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        var trigger = FunctionTriggers.KindOf(context);
        var http = context.GetHttpContext();
        using var activity = StartActivity(context, trigger, http);
        try
        {
            await next(context).ConfigureAwait(false);
            activity.SetTag(FunctionsDiagnostics.Tags.HttpResponseStatusCode, http?.Response.StatusCode);
        }
        catch (Exception exception)
        {
            activity.SetStatus(ActivityStatusCode.Error, exception.GetType().Name);
            activity.SetTag(CqrsDiagnostics.Tags.ErrorType, exception.GetType().FullName);
            LogFault(logger, exception, context.FunctionDefinition.Name, trigger, context.InvocationId);
            if (http is null)
            {
                throw;
            }

            var problem = CqrsExceptionHandler.ProblemFor(http, exception);
            activity.SetTag(FunctionsDiagnostics.Tags.HttpResponseStatusCode, problem.StatusCode);
            httpResult.Set(context, problem);
        }
    }

    private static Activity StartActivity(FunctionContext context, string trigger, HttpContext? http)
    {
        var kind = trigger switch
        {
            FunctionTriggers.Http => ActivityKind.Server,
            "pubsub" => ActivityKind.Consumer,
            _ => ActivityKind.Internal,
        };
        var parent = ParentOf(context, http);
        var activity = CqrsDiagnostics.ActivitySource.StartActivity(context.FunctionDefinition.Name, kind, parent);
        if (activity is null)
        {
            return StartUnobserved(context.FunctionDefinition.Name, parent);
        }

        if (activity.IsAllDataRequested)
        {
            activity.SetTag(FunctionsDiagnostics.Tags.FaasTrigger, trigger);
            activity.SetTag(FunctionsDiagnostics.Tags.FaasInvocationId, context.InvocationId);
            activity.SetTag(FunctionsDiagnostics.Tags.FaasName, context.FunctionDefinition.Name);
            activity.SetTag(FunctionsDiagnostics.Tags.HttpRequestMethod, http?.Request.Method);
        }

        return activity;
    }

    /// <summary>
    /// With no listener (no exporter configured) the invocation still gets a W3C trace context, continuing
    /// the caller's or the host's: problem <c>traceId</c>s, log scopes and the events it records then carry
    /// the trace the Functions host reports, not the ASP.NET request id.
    /// </summary>
    private static Activity StartUnobserved(string name, ActivityContext parent)
    {
        var activity = new Activity(name);
        if (parent != default)
        {
            activity.SetParentId(parent.TraceId, parent.SpanId, parent.TraceFlags);
            activity.TraceStateString = parent.TraceState;
        }

        return activity.Start();
    }

    /// <summary>
    /// The span this invocation continues: the worker's current span if it made one, else the
    /// caller's <c>traceparent</c> header, else the trace context the host passed with the invocation.
    /// </summary>
    private static ActivityContext ParentOf(FunctionContext context, HttpContext? http)
    {
        if (Activity.Current is { } current)
        {
            return current.Context;
        }

        var headers = http?.Request.Headers;
        if (ActivityContext.TryParse(headers?.TraceParent, headers?.TraceState, isRemote: true, out var caller))
        {
            return caller;
        }

        return ActivityContext.TryParse(context.TraceContext?.TraceParent, context.TraceContext?.TraceState, isRemote: true, out var host)
            ? host
            : default;
    }

    [LoggerMessage(EventId = FunctionsDiagnostics.LogEvents.InvocationFaulted, EventName = nameof(FunctionsDiagnostics.LogEvents.InvocationFaulted), Level = LogLevel.Error,
        Message = "Function {function} ({trigger}) invocation {invocationId} faulted")]
    private static partial void LogFault(ILogger logger, Exception exception, string function, string trigger, string invocationId);
}
