using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;
using ServerlessCqrs.Caching;
using ServerlessCqrs.Diagnostics;

namespace ServerlessCqrs.Http.Responses;

/// <summary>
/// Puts a query's cache status on its response — <c>ETag</c>, <c>Cache-Control</c>, <c>Age</c>,
/// <c>X-Cache</c> — and answers a <c>GET</c> whose <c>If-None-Match</c> names the current ETag with 304.
/// </summary>
internal static class QueryCacheHeaders
{
    public const string XCache = "X-Cache";
    public const string XCacheFailSafe = "X-Cache-Fail-Safe";

    /// <summary>The response for a query result; problems (non-200) pass through unchanged.</summary>
    public static HttpOutcome Apply(HttpRequest request, HttpOutcome response, QueryCacheStatus? status)
    {
        if (response.StatusCode != StatusCodes.Status200OK)
        {
            return response;
        }

        var etag = status?.ETag ?? ResultETags.Of(response.Body.Span);
        List<KeyValuePair<string, string>> headers =
        [
            new(HeaderNames.ETag, etag),
            new(HeaderNames.CacheControl, CacheControlOf(status)),
            new(XCache, status is { IsHit: true } ? status.Outcome.ToTagValue() : CqrsDiagnostics.CacheOutcomes.Miss),
        ];
        if (status is { Outcome: CacheOutcome.Hit or CacheOutcome.Stale } cached)
        {
            headers.Add(new(HeaderNames.Age, ((long)cached.Age.TotalSeconds).ToString(CultureInfo.InvariantCulture)));
        }

        if (status is { FailSafe: true })
        {
            headers.Add(new(XCacheFailSafe, "true"));
        }

        var notModified = HttpMethods.IsGet(request.Method) && Matches(request.Headers.IfNoneMatch, etag);
        return notModified
            ? HttpOutcome.Empty(StatusCodes.Status304NotModified) with { Headers = headers }
            : response with { Headers = [.. response.Headers, .. headers] };
    }

    private static string CacheControlOf(QueryCacheStatus? status) => status?.Policy switch
    {
        null => "no-cache",
        { IsNoStore: true } => "no-store",

        // Private: the result is shared between callers here, but a shared proxy need not know that.
        var policy => "private, max-age=" + ((long)policy.Duration.TotalSeconds).ToString(CultureInfo.InvariantCulture),
    };

    // If-None-Match uses the weak comparison (RFC 9110, 13.1.2).
    private static bool Matches(Microsoft.Extensions.Primitives.StringValues ifNoneMatch, string etag)
    {
        if (ifNoneMatch.Count == 0 || !EntityTagHeaderValue.TryParseList(ifNoneMatch, out var tags))
        {
            return false;
        }

        var current = EntityTagHeaderValue.Parse(etag);
        return tags.Any(t => t.Equals(EntityTagHeaderValue.Any) || t.Compare(current, useStrongComparison: false));
    }
}
