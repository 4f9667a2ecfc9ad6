using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using ServerlessCqrs.Events;
using ServerlessCqrs.Http.Responses;

namespace ServerlessCqrs.Http.DeadLetters;

/// <summary>
/// The dead-letter operations API both hosts serve: list (never payloads), show one, replay one, delete one.
/// The Functions app serves it at the admin level (master key); the LocalHost only when
/// <c>Cqrs:Http:EnableAdminApi</c> is on. Routes sit under <c>/api/ops</c> because the Functions host
/// reserves every route that starts with <c>admin</c> for its own API.
/// </summary>
public sealed class DeadLetterAdmin(IDeadLetterQueue deadLetters)
{
    /// <summary>The route of the dead letters, below the <c>api</c> prefix.</summary>
    public const string Route = "ops/deadletters";

    private const int DefaultListCount = 100;
    private const int MaxListCount = 1000;
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary><c>GET /api/ops/deadletters?max=N</c>: the oldest dead letters, without payloads.</summary>
    public async Task<IResult> ListAsync(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        var max = DefaultListCount;
        if (httpContext.Request.Query["max"] is { Count: > 0 } text
            && !(int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out max) && max is >= 1 and <= MaxListCount))
        {
            return Problems.Create(httpContext, StatusCodes.Status400BadRequest, "invalid_max", $"max must be a whole number from 1 to {MaxListCount}; it is '{text}'.");
        }

        var listed = await deadLetters.ListAsync(max, httpContext.RequestAborted).ConfigureAwait(false);
        return Ok(listed.Select(DeadLetterSummary.From).ToArray());
    }

    /// <summary><c>GET /api/ops/deadletters/{id}</c>: one dead letter with its payload and failure.</summary>
    public async Task<IResult> ShowAsync(HttpContext httpContext, string id)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        if (Parse(httpContext, id, out var eventId) is { } invalid)
        {
            return invalid;
        }

        return await deadLetters.FindAsync(eventId, httpContext.RequestAborted).ConfigureAwait(false) is { } deadLetter
            ? Ok(DeadLetterDetail.From(deadLetter))
            : NotFound(httpContext, eventId);
    }

    /// <summary><c>POST /api/ops/deadletters/{id}/replay</c>: sends the event back as a first delivery; 202 when sent.</summary>
    public Task<IResult> ReplayAsync(HttpContext httpContext, string id) =>
        ActAsync(httpContext, id, deadLetters.ReplayAsync, StatusCodes.Status202Accepted);

    /// <summary><c>DELETE /api/ops/deadletters/{id}</c>: deletes the dead letter for good; 204 when deleted.</summary>
    public Task<IResult> PurgeAsync(HttpContext httpContext, string id) =>
        ActAsync(httpContext, id, deadLetters.PurgeAsync, StatusCodes.Status204NoContent);

    /// <summary>Does <paramref name="act"/> to the dead letter of event <paramref name="id"/>; <paramref name="status"/> when it was there.</summary>
    private static async Task<IResult> ActAsync(
        HttpContext httpContext, string id, Func<Guid, CancellationToken, ValueTask<bool>> act, int status)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        if (Parse(httpContext, id, out var eventId) is { } invalid)
        {
            return invalid;
        }

        return await act(eventId, httpContext.RequestAborted).ConfigureAwait(false)
            ? HttpOutcome.Empty(status)
            : NotFound(httpContext, eventId);
    }

    private static HttpOutcome Ok<T>(T body) => HttpOutcome.Json(StatusCodes.Status200OK, JsonSerializer.SerializeToUtf8Bytes(body, Json))
        .WithHeader("Cache-Control", "no-store");

    private static HttpOutcome? Parse(HttpContext httpContext, string id, out Guid eventId) => Guid.TryParse(id, out eventId)
        ? null
        : Problems.Create(httpContext, StatusCodes.Status400BadRequest, "invalid_event_id", $"'{id}' is not an event id (a GUID).");

    private static HttpOutcome NotFound(HttpContext httpContext, Guid eventId) =>
        Problems.Create(httpContext, StatusCodes.Status404NotFound, "dead_letter_not_found", $"There is no dead letter of event {eventId}.");
}
