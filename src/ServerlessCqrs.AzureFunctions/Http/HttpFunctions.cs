using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using ServerlessCqrs.Http;

namespace ServerlessCqrs.Functions.Http;

/// <summary>The HTTP triggers: each hands the request to the edge the LocalHost uses too.</summary>
public sealed class HttpFunctions(CqrsHttpEdge edge)
{
    /// <summary><c>POST /api/commands/{name}</c>.</summary>
    [Function("SendCommand")]
    public Task<IResult> SendCommandAsync(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "commands/{name}")] HttpRequest request, string name)
    {
        ArgumentNullException.ThrowIfNull(request);
        return edge.SendCommandAsync(request.HttpContext, name);
    }

    /// <summary><c>GET|POST /api/queries/{name}</c>.</summary>
    [Function("RunQuery")]
    public Task<IResult> RunQueryAsync(
        [HttpTrigger(AuthorizationLevel.Function, "get", "post", Route = "queries/{name}")] HttpRequest request, string name)
    {
        ArgumentNullException.ThrowIfNull(request);
        return edge.RunQueryAsync(request.HttpContext, name);
    }

    /// <summary><c>GET /api/catalog</c>.</summary>
    [Function("Catalog")]
#pragma warning disable IDE0060 // The trigger parameter declares the binding; the catalog needs nothing from the request.
    public IResult GetCatalog(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "catalog")] HttpRequest request) => edge.GetCatalog();
#pragma warning restore IDE0060

    /// <summary><c>GET /api/openapi.json</c>: the OpenAPI 3.1 document, behind a function key like the API it describes.</summary>
    [Function("OpenApi")]
    public IResult GetOpenApiDocument(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "openapi.json")] HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return edge.GetOpenApiDocument(request.HttpContext);
    }

    /// <summary><c>GET /api/health</c>, anonymous so probes need no key.</summary>
    [Function("Health")]
    public Task<IResult> CheckHealthAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "health")] HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return edge.CheckHealthAsync(request.HttpContext);
    }
}
