using System.Collections.Frozen;
using System.Diagnostics;
using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.WebUtilities;

namespace ServerlessCqrs.Http.Responses;

/// <summary>
/// RFC 9457 problem responses: <c>application/problem+json</c> with the status's RFC 9110 type and
/// title, a stable <c>code</c>, a <c>detail</c> for people and the <c>traceId</c> to quote.
/// </summary>
public static class Problems
{
    private const string MediaType = "application/problem+json; charset=utf-8";

    // Problems are JSON API responses, never embedded in HTML: plain quotes read better than \u0027.
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static readonly FrozenDictionary<int, string> Rfc9110Sections = new Dictionary<int, string>
    {
        [400] = "15.5.1", [401] = "15.5.2", [403] = "15.5.4", [404] = "15.5.5", [405] = "15.5.6", [409] = "15.5.10", [413] = "15.5.14",
        [415] = "15.5.16", [422] = "15.5.21", [500] = "15.6.1", [503] = "15.6.4",
    }.ToFrozenDictionary();

    /// <summary>The problem of an expected failure returned by a handler.</summary>
    public static HttpOutcome For(Error error, HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(error);
        if (error.Kind == ErrorKind.Unauthenticated)
        {
            return Unauthenticated(httpContext, error.Message);
        }

        return Create(httpContext, StatusOf(error.Kind), error.Code, error.Message, error.Kind == ErrorKind.Validation ? error.Fields : null);
    }

    /// <summary>The status each kind of expected failure is answered with.</summary>
    public static int StatusOf(ErrorKind kind) => kind switch
    {
        ErrorKind.Validation => StatusCodes.Status400BadRequest,
        ErrorKind.Unauthenticated => StatusCodes.Status401Unauthorized,
        ErrorKind.NotFound => StatusCodes.Status404NotFound,
        ErrorKind.Conflict or ErrorKind.Concurrency => StatusCodes.Status409Conflict,
        ErrorKind.Forbidden => StatusCodes.Status403Forbidden,
        _ => StatusCodes.Status422UnprocessableEntity,
    };

    /// <summary>
    /// 401 with <c>WWW-Authenticate: Bearer</c>: no credentials, or ones that did not hold. Why they did not
    /// hold goes to the log, never here.
    /// </summary>
    public static HttpOutcome Unauthenticated(HttpContext httpContext, string detail = "Send a valid bearer token in the Authorization header.") =>
        Create(httpContext, StatusCodes.Status401Unauthorized, ProblemCodes.Unauthenticated, detail).WithHeader("WWW-Authenticate", "Bearer");

    /// <summary>The problem of an unexpected fault: a 500 that reveals nothing but the trace id.</summary>
    public static HttpOutcome Fault(HttpContext httpContext) => Create(httpContext, StatusCodes.Status500InternalServerError,
        ProblemCodes.InternalError, "The request failed unexpectedly. Quote the traceId when reporting it.");

    /// <summary>The problem <c>type</c> of a status: its RFC 9110 section, or <c>about:blank</c>.</summary>
    public static string TypeOf(int status) => Rfc9110Sections.TryGetValue(status, out var section)
        ? $"https://www.rfc-editor.org/rfc/rfc9110#section-{section}"
        : "about:blank";

    /// <summary>A problem response.</summary>
    public static HttpOutcome Create(
        HttpContext httpContext, int status, string code, string detail, IReadOnlyDictionary<string, string[]>? errors = null)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        ProblemDetails problem = errors is null ? new ProblemDetails() : new HttpValidationProblemDetails(errors.ToDictionary());
        problem.Status = status;
        problem.Type = TypeOf(status);
        problem.Title = ReasonPhrases.GetReasonPhrase(status);
        problem.Detail = detail;
        problem.Instance = httpContext.Request.Path;
        problem.Extensions["code"] = code;
        problem.Extensions["traceId"] = Activity.Current?.Id ?? httpContext.TraceIdentifier;
        return new HttpOutcome(status, MediaType, JsonSerializer.SerializeToUtf8Bytes(problem, problem.GetType(), Json));
    }
}
