using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using ServerlessCqrs.Http.Responses;

namespace ServerlessCqrs.Http.DeadLetters;

/// <summary>What the operations APIs (dead letters, timeouts) share: the list size, ids, and uncached JSON answers.</summary>
internal static class AdminApi
{
    public const int DefaultListCount = 100;
    public const int MaxListCount = 1000;

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>The <c>max</c> query parameter (default <see cref="DefaultListCount"/>), or the problem it is.</summary>
    public static HttpOutcome? ReadMax(HttpContext httpContext, out int max)
    {
        max = DefaultListCount;
        return httpContext.Request.Query["max"] is { Count: > 0 } text
            && !(int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out max) && max is >= 1 and <= MaxListCount)
            ? Problems.Create(httpContext, StatusCodes.Status400BadRequest, "invalid_max", $"max must be a whole number from 1 to {MaxListCount}; it is '{text}'.")
            : null;
    }

    /// <summary>The id in the route as a GUID, or the problem it is.</summary>
    public static HttpOutcome? ReadId(HttpContext httpContext, string id, string code, string what, out Guid guid) => Guid.TryParse(id, out guid)
        ? null
        : Problems.Create(httpContext, StatusCodes.Status400BadRequest, code, $"'{id}' is not {what} (a GUID).");

    public static HttpOutcome Ok<T>(T body) => HttpOutcome.Json(StatusCodes.Status200OK, JsonSerializer.SerializeToUtf8Bytes(body, Json))
        .WithHeader("Cache-Control", "no-store");
}
