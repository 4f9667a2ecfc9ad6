using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using ServerlessCqrs.Http.DeadLetters;

namespace ServerlessCqrs.Functions.Http;

/// <summary>
/// The dead-letter operations API, behind the admin (master) key. Its routes start with <c>ops</c>:
/// the host refuses function routes that start with <c>admin</c>.
/// </summary>
public sealed class DeadLetterFunctions(DeadLetterAdmin admin)
{
    /// <summary><c>GET /api/ops/deadletters?max=N</c>.</summary>
    [Function("ListDeadLetters")]
    public Task<IResult> ListAsync([HttpTrigger(AuthorizationLevel.Admin, "get", Route = DeadLetterAdmin.Route)] HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return admin.ListAsync(request.HttpContext);
    }

    /// <summary><c>GET /api/ops/deadletters/{id}</c>.</summary>
    [Function("ShowDeadLetter")]
    public Task<IResult> ShowAsync([HttpTrigger(AuthorizationLevel.Admin, "get", Route = DeadLetterAdmin.Route + "/{id}")] HttpRequest request, string id)
    {
        ArgumentNullException.ThrowIfNull(request);
        return admin.ShowAsync(request.HttpContext, id);
    }

    /// <summary><c>POST /api/ops/deadletters/{id}/replay</c>.</summary>
    [Function("ReplayDeadLetter")]
    public Task<IResult> ReplayAsync([HttpTrigger(AuthorizationLevel.Admin, "post", Route = DeadLetterAdmin.Route + "/{id}/replay")] HttpRequest request, string id)
    {
        ArgumentNullException.ThrowIfNull(request);
        return admin.ReplayAsync(request.HttpContext, id);
    }

    /// <summary><c>DELETE /api/ops/deadletters/{id}</c>.</summary>
    [Function("PurgeDeadLetter")]
    public Task<IResult> PurgeAsync([HttpTrigger(AuthorizationLevel.Admin, "delete", Route = DeadLetterAdmin.Route + "/{id}")] HttpRequest request, string id)
    {
        ArgumentNullException.ThrowIfNull(request);
        return admin.PurgeAsync(request.HttpContext, id);
    }
}
