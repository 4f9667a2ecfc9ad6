using System.Collections.Concurrent;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace ServerlessCqrs.Ops.Tests.StandIn;

/// <summary>
/// OpenObserve as its source says it behaves, on a loopback port: one organization with one root user
/// (Basic auth; Bearer refused as "Not Supported"), the management routes provisioning uses, search and
/// PromQL over what was ingested, and OTLP/HTTP ingestion. Every JSON body is checked against the
/// request contracts in <c>Contracts/openobserve</c>, with the statuses the server answers. It records
/// every request, can fail the next ones on demand, and can accept ingestion while storing nothing.
/// </summary>
public sealed partial class OpenObserveStandIn : IAsyncDisposable
{
    public const string Organization = "acme";
    public const string User = "root@example.com";
    public const string Password = "Complexpass#123";

    private static readonly string Credentials = "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"{User}:{Password}"));
    private readonly ContractValidator _contracts = new();
    private readonly ConcurrentQueue<StandInRequest> _requests = new();
    private readonly ConcurrentQueue<(int Status, string Message)> _failures = new();
    private WebApplication _app = null!;

    private OpenObserveStandIn()
    {
    }

    public Uri Address { get; private set; } = null!;

    public StandInState State { get; } = new();

    /// <summary>When set, OTLP exports are answered 200 and thrown away, as by a misrouted or filtered pipeline.</summary>
    public bool DropIngestion { get; set; }

    /// <summary>Every request received, in order.</summary>
    public IReadOnlyList<StandInRequest> Requests => [.. _requests];

    /// <summary>The requests that change the organization's configuration (not ingestion, search or reads).</summary>
    public IReadOnlyList<StandInRequest> Writes => [.. _requests.Where(r => r.IsConfigurationWrite)];

    /// <summary>The settings that point the app and the CLI at this stand-in.</summary>
    public Dictionary<string, string?> Settings() => new()
    {
        ["OPENOBSERVE_URL"] = Address.ToString(),
        ["OPENOBSERVE_ORGANIZATION"] = Organization,
        ["OPENOBSERVE_USER"] = User,
        ["OPENOBSERVE_PASSWORD"] = Password,
    };

    /// <summary>Answers the next authenticated request with this status and message, as a handler error.</summary>
    public void FailNext(int status, string message) => _failures.Enqueue((status, message));

    public static async Task<OpenObserveStandIn> StartAsync()
    {
        var standIn = new OpenObserveStandIn();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        builder.Logging.ClearProviders();
        var app = builder.Build();
        app.Use(standIn.GatekeepAsync);
        app.MapGet("/healthz", () => Results.Json(new { status = "ok" }));
        standIn.MapManagement(app);
        standIn.MapSearch(app);
        standIn.MapIngestion(app);
        await app.StartAsync();
        standIn._app = app;
        standIn.Address = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        return standIn;
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    /// <summary>Records the request, then checks credentials and organization as OpenObserve's auth middleware does.</summary>
    private async Task GatekeepAsync(HttpContext context, Func<Task> next)
    {
        var request = context.Request;
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer);
        var body = buffer.ToArray();
        request.Body = new MemoryStream(body);
        _requests.Enqueue(new StandInRequest(request.Method, request.Path, request.QueryString.Value ?? "",
            request.ContentType == "application/x-protobuf" ? $"({body.Length} bytes of protobuf)" : Encoding.UTF8.GetString(body)));
        if (!request.Path.StartsWithSegments("/api"))
        {
            await next();
            return;
        }

        var authorization = request.Headers.Authorization.ToString();
        var segments = request.Path.Value!.Split('/', StringSplitOptions.RemoveEmptyEntries);
        var organization = segments.Length > 2 && segments[1] == "v2" ? segments[2] : segments.ElementAtOrDefault(1);
        var rejection = authorization switch
        {
            "" => Error(401, "Unauthorized Access"),
            _ when authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) => Plain(401, "Not Supported"),
            _ when authorization != Credentials => Results.Text("Unauthorized Access", "text/plain", statusCode: 401),
            _ when organization != Organization => Plain(404, "Organization not found"),
            _ => _failures.TryDequeue(out var failure) ? Error(failure.Status, failure.Message) : null,
        };
        if (rejection is null)
        {
            try
            {
                await next();
            }
            catch (Exception fault) when (!context.Response.HasStarted)
            {
                // A fault of the stand-in itself: say what it was, so the test names it instead of a bare 500.
                await Plain(500, $"The stand-in failed: {fault.GetType().Name}: {fault.Message}").ExecuteAsync(context);
            }

            return;
        }

        if (authorization.Length > 0 && authorization != Credentials && !authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            context.Response.Headers.WWWAuthenticate = "Bearer realm=\"openobserve\"";
        }

        await rejection.ExecuteAsync(context);
    }

    /// <summary>Reads a JSON body as axum's <c>Json</c> extractor does, then checks it against <paramref name="contract"/>.</summary>
    private async Task<(JsonObject? Body, IResult? Rejection)> ReadAsync(HttpContext context, string contract)
    {
        var contentType = context.Request.ContentType?.Split(';')[0].Trim() ?? "";
        if (contentType != "application/json" && !(contentType.StartsWith("application/", StringComparison.Ordinal) && contentType.EndsWith("+json", StringComparison.Ordinal)))
        {
            return (null, Plain(415, "Expected request with `Content-Type: application/json`"));
        }

        JsonNode? body;
        try
        {
            body = await JsonNode.ParseAsync(context.Request.Body);
        }
        catch (System.Text.Json.JsonException malformed)
        {
            return (null, Plain(400, $"Failed to parse the request body as JSON: {malformed.Message}"));
        }

        if (body is not JsonObject json)
        {
            return (null, Plain(422, "Failed to deserialize the JSON body into the target type: expected a map"));
        }

        return _contracts.Check(contract, json) switch
        {
            { Status: 422 } invalid => (null, Plain(422, $"Failed to deserialize the JSON body into the target type: {invalid.Message}")),
            { } invalid => (null, Error(invalid.Status, invalid.Message)),
            null => (json, null),
        };
    }

    private static IResult Error(int status, string message) => Json(status, new JsonObject { ["code"] = status, ["message"] = message });

    private static IResult Ok(string message, JsonObject? extra = null)
    {
        var body = new JsonObject { ["code"] = 200, ["message"] = message };
        foreach (var (key, value) in extra ?? [])
        {
            body[key] = value?.DeepClone();
        }

        return Json(200, body);
    }

    private static IResult Json(int status, JsonNode body) => Results.Content(body.ToJsonString(), "application/json", Encoding.UTF8, status);

    private static IResult Plain(int status, string text) => Results.Text(text, "text/plain; charset=utf-8", Encoding.UTF8, status);
}

/// <summary>A request the stand-in received.</summary>
public sealed record StandInRequest(string Method, string Path, string Query, string Body)
{
    /// <summary>A POST, PUT, PATCH or DELETE to a management route.</summary>
    public bool IsConfigurationWrite => Method != "GET" && Method != "HEAD" && !Path.Contains("/v1/", StringComparison.Ordinal)
        && !Path.EndsWith("/_search", StringComparison.Ordinal) && !Path.Contains("/prometheus/", StringComparison.Ordinal);
}
