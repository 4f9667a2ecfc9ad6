using Microsoft.AspNetCore.Http;

namespace ServerlessCqrs.Http.Responses;

/// <summary>
/// A complete HTTP response held in memory — status, content type, body and extra headers — so the
/// edge can remember it (idempotency) and both hosts can write it (it is an ASP.NET <see cref="IResult"/>).
/// </summary>
/// <param name="StatusCode">The status code.</param>
/// <param name="ContentType">The body's media type, or <see langword="null"/> without a body.</param>
/// <param name="Body">The body bytes.</param>
public sealed record HttpOutcome(int StatusCode, string? ContentType, ReadOnlyMemory<byte> Body) : IResult, IStatusCodeHttpResult
{
    /// <summary>Headers to add, such as <c>Idempotent-Replayed</c>.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Headers { get; init; } = [];

    int? IStatusCodeHttpResult.StatusCode => StatusCode;

    /// <summary>An empty response with the status code.</summary>
    public static HttpOutcome Empty(int statusCode) => new(statusCode, null, ReadOnlyMemory<byte>.Empty);

    /// <summary>A JSON response.</summary>
    public static HttpOutcome Json(int statusCode, byte[] body) => new(statusCode, "application/json; charset=utf-8", body);

    /// <summary>This response with one more header.</summary>
    public HttpOutcome WithHeader(string name, string value) => this with { Headers = [.. Headers, new(name, value)] };

    /// <inheritdoc />
    public async Task ExecuteAsync(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        var response = httpContext.Response;
        response.StatusCode = StatusCode;
        foreach (var (name, value) in Headers)
        {
            response.Headers.Append(name, value);
        }

        response.ContentLength = Body.Length;
        if (ContentType is not null)
        {
            response.ContentType = ContentType;
        }

        if (!Body.IsEmpty)
        {
            await response.Body.WriteAsync(Body, httpContext.RequestAborted).ConfigureAwait(false);
        }
    }
}
