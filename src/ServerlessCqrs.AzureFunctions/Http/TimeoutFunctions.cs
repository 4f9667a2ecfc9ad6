using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using ServerlessCqrs.Http.Timeouts;

namespace ServerlessCqrs.Functions.Http;

/// <summary>The process-timeout operations API, beside the dead-letter one and behind the same admin (master) key.</summary>
public sealed class TimeoutFunctions(TimeoutAdmin admin)
{
    /// <summary><c>GET /api/ops/timeouts?max=N&amp;overdue=true</c>.</summary>
    [Function("ListTimeouts")]
    public Task<IResult> ListAsync([HttpTrigger(AuthorizationLevel.Admin, "get", Route = TimeoutAdmin.Route)] HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return admin.ListAsync(request.HttpContext);
    }

    /// <summary><c>DELETE /api/ops/timeouts/{id}</c>.</summary>
    [Function("CancelTimeout")]
    public Task<IResult> CancelAsync([HttpTrigger(AuthorizationLevel.Admin, "delete", Route = TimeoutAdmin.Route + "/{id}")] HttpRequest request, string id)
    {
        ArgumentNullException.ThrowIfNull(request);
        return admin.CancelAsync(request.HttpContext, id);
    }

    /// <summary><c>POST /api/ops/timeouts/{id}/reschedule</c>.</summary>
    [Function("RescheduleTimeout")]
    public Task<IResult> RescheduleAsync(
        [HttpTrigger(AuthorizationLevel.Admin, "post", Route = TimeoutAdmin.Route + "/{id}/reschedule")] HttpRequest request, string id)
    {
        ArgumentNullException.ThrowIfNull(request);
        return admin.RescheduleAsync(request.HttpContext, id);
    }
}
