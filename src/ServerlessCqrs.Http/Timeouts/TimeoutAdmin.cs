using System.Text.Json;
using Microsoft.AspNetCore.Http;
using ServerlessCqrs.Http.DeadLetters;
using ServerlessCqrs.Http.Responses;
using ServerlessCqrs.Processes;

namespace ServerlessCqrs.Http.Timeouts;

/// <summary>
/// The process-timeout operations API both hosts serve beside the dead-letter one, at the same admin level: list
/// the waiting timeouts (due first, or only the overdue), cancel one, move one to another time.
/// </summary>
public sealed class TimeoutAdmin(ProcessTimeouts timeouts)
{
    /// <summary>The route of the timeouts, below the <c>api</c> prefix.</summary>
    public const string Route = "ops/timeouts";

    /// <summary><c>GET /api/ops/timeouts?max=N&amp;overdue=true</c>: waiting timeouts, the earliest due first.</summary>
    public async Task<IResult> ListAsync(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        if (AdminApi.ReadMax(httpContext, out var max) is { } invalid)
        {
            return invalid;
        }

        var overdue = httpContext.Request.Query["overdue"] is { Count: > 0 } text && !string.Equals(text, "false", StringComparison.OrdinalIgnoreCase);
        return AdminApi.Ok(await timeouts.ListAsync(max, overdue, httpContext.RequestAborted).ConfigureAwait(false));
    }

    /// <summary><c>DELETE /api/ops/timeouts/{id}</c>: cancels the timeout; 204 when a process waited for it.</summary>
    public async Task<IResult> CancelAsync(HttpContext httpContext, string id)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        if (AdminApi.ReadId(httpContext, id, "invalid_timeout_id", "a timeout id", out var timeoutId) is { } invalid)
        {
            return invalid;
        }

        return await timeouts.CancelAsync(timeoutId, httpContext.RequestAborted).ConfigureAwait(false)
            ? HttpOutcome.Empty(StatusCodes.Status204NoContent)
            : NotFound(httpContext, timeoutId);
    }

    /// <summary>
    /// <c>POST /api/ops/timeouts/{id}/reschedule</c> with <c>{"dueAt": "2026-12-03T10:00:00Z"}</c>: replaces the timeout by
    /// one due then; answers the new one (a new id).
    /// </summary>
    public async Task<IResult> RescheduleAsync(HttpContext httpContext, string id)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        if (AdminApi.ReadId(httpContext, id, "invalid_timeout_id", "a timeout id", out var timeoutId) is { } invalid)
        {
            return invalid;
        }

        RescheduleRequest? request;
        try
        {
            request = await JsonSerializer.DeserializeAsync<RescheduleRequest>(httpContext.Request.Body, AdminApi.Json, httpContext.RequestAborted).ConfigureAwait(false);
        }
        catch (JsonException failure)
        {
            return Problems.Create(httpContext, StatusCodes.Status400BadRequest, "invalid_due_at", $"The body is not {{\"dueAt\": \"<ISO 8601 time>\"}}: {failure.Message}");
        }

        if (request?.DueAt is not { } dueAt)
        {
            return Problems.Create(httpContext, StatusCodes.Status400BadRequest, "invalid_due_at", "The body needs dueAt, an ISO 8601 time with an offset.");
        }

        return await timeouts.RescheduleAsync(timeoutId, dueAt, httpContext.RequestAborted).ConfigureAwait(false) is { } replacement
            ? AdminApi.Ok(replacement)
            : NotFound(httpContext, timeoutId);
    }

    private static HttpOutcome NotFound(HttpContext httpContext, Guid timeoutId) =>
        Problems.Create(httpContext, StatusCodes.Status404NotFound, "timeout_not_found", $"No process waits for timeout {timeoutId}.");

    private sealed record RescheduleRequest(DateTimeOffset? DueAt);
}
