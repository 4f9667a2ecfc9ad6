using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using ServerlessCqrs.Http;
using ServerlessCqrs.Http.DeadLetters;
using ServerlessCqrs.Http.Timeouts;

namespace Microsoft.AspNetCore.Builder;

/// <summary>Maps the edge's routes in an ASP.NET Core app (the LocalHost; the Functions app maps them as triggers).</summary>
public static class EndpointRouteBuilderExtensions
{
    /// <summary>
    /// Maps <c>POST /api/commands/{name}</c>, <c>GET|POST /api/queries/{name}</c>, <c>GET /api/health</c>,
    /// <c>GET /api/openapi.json</c> and <c>GET /api/catalog</c>; with <c>Cqrs:Http:EnableAdminApi</c> on, also the dead-letter
    /// operations under <c>/api/ops/deadletters</c> and the process-timeout operations under <c>/api/ops/timeouts</c>.
    /// </summary>
    public static RouteGroupBuilder MapServerlessCqrs(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var api = endpoints.MapGroup("/api");
        api.MapPost("/commands/{name}", (HttpContext http, string name, CqrsHttpEdge edge) => edge.SendCommandAsync(http, name));
        api.MapMethods("/queries/{name}", [HttpMethods.Get, HttpMethods.Post],
            (HttpContext http, string name, CqrsHttpEdge edge) => edge.RunQueryAsync(http, name));
        api.MapGet("/health", (HttpContext http, CqrsHttpEdge edge) => edge.CheckHealthAsync(http));
        api.MapGet("/catalog", (CqrsHttpEdge edge) => edge.GetCatalog());
        api.MapGet("/openapi.json", (HttpContext http, CqrsHttpEdge edge) => edge.GetOpenApiDocument(http));
        if (endpoints.ServiceProvider.GetRequiredService<IOptions<CqrsHttpOptions>>().Value.EnableAdminApi)
        {
            var deadLetters = api.MapGroup("/" + DeadLetterAdmin.Route);
            deadLetters.MapGet("", (HttpContext http, DeadLetterAdmin admin) => admin.ListAsync(http));
            deadLetters.MapGet("/{id}", (HttpContext http, string id, DeadLetterAdmin admin) => admin.ShowAsync(http, id));
            deadLetters.MapPost("/{id}/replay", (HttpContext http, string id, DeadLetterAdmin admin) => admin.ReplayAsync(http, id));
            deadLetters.MapDelete("/{id}", (HttpContext http, string id, DeadLetterAdmin admin) => admin.PurgeAsync(http, id));
            var timeouts = api.MapGroup("/" + TimeoutAdmin.Route);
            timeouts.MapGet("", (HttpContext http, TimeoutAdmin admin) => admin.ListAsync(http));
            timeouts.MapDelete("/{id}", (HttpContext http, string id, TimeoutAdmin admin) => admin.CancelAsync(http, id));
            timeouts.MapPost("/{id}/reschedule", (HttpContext http, string id, TimeoutAdmin admin) => admin.RescheduleAsync(http, id));
        }

        return api;
    }
}
