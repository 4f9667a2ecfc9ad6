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

    /// <summary><c>GET /api/ops/deadletters?max=N</c>: the oldest dead letters, without payloads.</summary>
    public async Task<IResult> ListAsync(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        if (AdminApi.ReadMax(httpContext, out var max) is { } invalid)
        {
            return invalid;
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

    private static HttpOutcome Ok<T>(T body) => AdminApi.Ok(body);

    private static HttpOutcome? Parse(HttpContext httpContext, string id, out Guid eventId) =>
        AdminApi.ReadId(httpContext, id, "invalid_event_id", "an event id", out eventId);

    private static HttpOutcome NotFound(HttpContext httpContext, Guid eventId) =>
        Problems.Create(httpContext, StatusCodes.Status404NotFound, "dead_letter_not_found", $"There is no dead letter of event {eventId}.");
}
