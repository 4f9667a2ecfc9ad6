using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using ServerlessCqrs.Http.Responses;

namespace ServerlessCqrs.Http;

/// <summary>
/// Turns an unhandled exception into a problem for ASP.NET hosts: a request the server rejected
/// (<see cref="BadHttpRequestException"/>) keeps its 4xx; anything else is a 500 with no internals.
/// </summary>
public sealed partial class CqrsExceptionHandler(ILogger<CqrsExceptionHandler> logger) : IExceptionHandler
{
    /// <inheritdoc />
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        ArgumentNullException.ThrowIfNull(exception);
        var problem = ProblemFor(httpContext, exception);
        if (problem.StatusCode >= StatusCodes.Status500InternalServerError)
        {
            LogFault(logger, exception, httpContext.Request.Method, httpContext.Request.Path);
        }

        await problem.ExecuteAsync(httpContext).ConfigureAwait(false);
        return true;
    }

    /// <summary>The problem for an exception that escaped a request.</summary>
    public static HttpOutcome ProblemFor(HttpContext httpContext, Exception exception) => exception switch
    {
        BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge } => Problems.Create(
            httpContext, StatusCodes.Status413PayloadTooLarge, ProblemCodes.BodyTooLarge, "The body is larger than the server accepts."),
        BadHttpRequestException rejected => Problems.Create(
            httpContext, rejected.StatusCode, ProblemCodes.BadRequest, "The server could not read the request."),
        _ => Problems.Fault(httpContext),
    };

    [LoggerMessage(EventId = HttpLogEvents.RequestFaulted, EventName = nameof(HttpLogEvents.RequestFaulted), Level = LogLevel.Error, Message = "{method} {path} faulted")]
    private static partial void LogFault(ILogger logger, Exception exception, string method, string path);
}
