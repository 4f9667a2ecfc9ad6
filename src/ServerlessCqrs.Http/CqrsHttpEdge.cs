using System.Collections.Frozen;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ServerlessCqrs.Caching;
using ServerlessCqrs.Http.Binding;
using ServerlessCqrs.Http.ApiDescription;
using ServerlessCqrs.Http.Idempotency;
using ServerlessCqrs.Idempotency;
using ServerlessCqrs.Http.Responses;
using ServerlessCqrs.Http.Security;
using ServerlessCqrs.Registry;
using ServerlessCqrs.Security;

namespace ServerlessCqrs.Http;

/// <summary>
/// The HTTP edge both hosts call: looks the name up in the registry, authenticates the caller, binds the
/// body or query string, dispatches on the request's bus for that caller and maps the <see cref="Result{T}"/> once — success to 200/201,
/// expected failures to RFC 9457 problems. Faults propagate to the host, which answers 500.
/// </summary>
public sealed partial class CqrsHttpEdge
{
    private const string IdempotencyKeyHeader = "Idempotency-Key";
    private readonly MessageRegistry _registry;
    private readonly IIdempotencyStore _idempotency;
    private readonly HealthCheckService _health;
    private readonly CallerAuthentication _authentication;
    private readonly CqrsHttpOptions _options;
    private readonly FrozenDictionary<string, QueryStringBinder> _queryBinders;
    private readonly ApiDocuments _documents;
    private readonly ILogger _logger;

    /// <summary>Creates the edge; the query-string binders are built here, once.</summary>
    public CqrsHttpEdge(
        MessageRegistry registry,
        IIdempotencyStore idempotency,
        HealthCheckService health,
        CallerAuthentication authentication,
        ApiDocuments documents,
        IOptions<CqrsHttpOptions> options,
        ILoggerFactory loggerFactory)
    {
        ArgumentNullException.ThrowIfNull(loggerFactory);
        _logger = loggerFactory.CreateLogger<CqrsHttpEdge>();
        ArgumentNullException.ThrowIfNull(registry);
        ArgumentNullException.ThrowIfNull(options);
        _registry = registry;
        _idempotency = idempotency;
        _health = health;
        _authentication = authentication;
        _options = options.Value;
        _queryBinders = registry.Messages.Where(m => m.Kind == MessageKind.Query)
            .ToFrozenDictionary(m => m.Name, m => new QueryStringBinder(m), StringComparer.OrdinalIgnoreCase);
        _documents = documents;
    }

    /// <summary><c>POST /api/commands/{name}</c>, honouring <c>Idempotency-Key</c>.</summary>
    public async Task<IResult> SendCommandAsync(HttpContext httpContext, string name)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        if (Find(httpContext, name, MessageKind.Command, out var descriptor) is { } notFound)
        {
            return notFound;
        }

        var (caller, refused) = await _authentication.AuthenticateAsync(httpContext).ConfigureAwait(false);
        if (refused is not null)
        {
            return refused;
        }

        var (message, body, problem) = await BindBodyAsync(httpContext, descriptor).ConfigureAwait(false);
        if (problem is not null)
        {
            return problem;
        }

        using var callerScope = MessageCaller.Use(caller!);
        var key = httpContext.Request.Headers[IdempotencyKeyHeader].ToString();
        return key.Length == 0
            ? await DispatchAsync(httpContext, descriptor, message!).ConfigureAwait(false)
            : await DispatchOnceAsync(httpContext, descriptor, message!, body!, caller!, key).ConfigureAwait(false);
    }

    /// <summary>
    /// <c>GET /api/queries/{name}?...</c> (query-string binding) or <c>POST</c> with a JSON body. Results
    /// carry the cache headers; a <c>GET</c> with a current <c>If-None-Match</c> gets 304.
    /// </summary>
    public async Task<IResult> RunQueryAsync(HttpContext httpContext, string name)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        if (Find(httpContext, name, MessageKind.Query, out var descriptor) is { } notFound)
        {
            return notFound;
        }

        var (caller, refused) = await _authentication.AuthenticateAsync(httpContext).ConfigureAwait(false);
        if (refused is not null)
        {
            return refused;
        }

        object? message;
        if (HttpMethods.IsPost(httpContext.Request.Method))
        {
            (message, _, var problem) = await BindBodyAsync(httpContext, descriptor).ConfigureAwait(false);
            if (problem is not null)
            {
                return problem;
            }
        }
        else
        {
            try
            {
                message = _queryBinders[descriptor.Name].Bind(httpContext.Request.Query);
            }
            catch (BindingException exception)
            {
                return Problems.Create(httpContext, StatusCodes.Status400BadRequest, ProblemCodes.MalformedQuery, exception.Message);
            }
        }

        using var callerScope = MessageCaller.Use(caller!);
        var features = new FeatureCollection(initialCapacity: 2);
        if (AsksForFreshAnswer(httpContext.Request))
        {
            features.Set(QueryCacheRefresh.Requested);
        }

        var response = await DispatchAsync(httpContext, descriptor, message!, features).ConfigureAwait(false);
        return QueryCacheHeaders.Apply(httpContext.Request, response, features.Get<QueryCacheStatus>());
    }

    /// <summary><c>GET /api/catalog</c>: an index of the commands, queries and events, pointing into the OpenAPI document.</summary>
    public IResult GetCatalog() => HttpOutcome.Json(StatusCodes.Status200OK, _documents.Catalog);

    /// <summary><c>GET /api/openapi.json</c>: the OpenAPI 3.1 document, its server the one the request reached.</summary>
    public IResult GetOpenApiDocument(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        return HttpOutcome.Json(StatusCodes.Status200OK, _documents.OpenApiFor(httpContext.Request));
    }

    /// <summary><c>GET /api/health</c>: 200 while healthy or degraded, 503 when unhealthy, with each check's status.</summary>
    public async Task<IResult> CheckHealthAsync(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        var report = await _health.CheckHealthAsync(httpContext.RequestAborted).ConfigureAwait(false);
        var body = new JsonObject
        {
            ["status"] = report.Status.ToString(),
            ["checks"] = new JsonObject(report.Entries.Select(e => KeyValuePair.Create(e.Key, (JsonNode?)e.Value.Status.ToString()))),
        };
        var status = report.Status == HealthStatus.Unhealthy ? StatusCodes.Status503ServiceUnavailable : StatusCodes.Status200OK;
        return HttpOutcome.Json(status, JsonSerializer.SerializeToUtf8Bytes(body)).WithHeader("Cache-Control", "no-store");
    }

    private HttpOutcome? Find(HttpContext httpContext, string name, MessageKind kind, out MessageDescriptor descriptor)
    {
        if (_registry.TryGetByName(name, out descriptor!) && descriptor.Kind == kind && !descriptor.IsServiceOnly)
        {
            return null;
        }

        var (wanted, code) = kind == MessageKind.Command ? ("command", ProblemCodes.UnknownCommand) : ("query", ProblemCodes.UnknownQuery);
        var known = descriptor is { IsServiceOnly: false } ? descriptor : null;
        var detail = known?.Kind switch
        {
            MessageKind.Command => $"'{known.Name}' is a command; send it with POST /api/commands/{known.Name}.",
            MessageKind.Query => $"'{known.Name}' is a query; send it to /api/queries/{known.Name}.",
            MessageKind.Event => $"'{known.Name}' is an event; events are not sent over HTTP.",
            _ => $"There is no {wanted} named '{name}'; GET /api/catalog lists them.",
        };
        return Problems.Create(httpContext, StatusCodes.Status404NotFound, code, detail);
    }

    private async Task<(object? Message, byte[]? Body, HttpOutcome? Problem)> BindBodyAsync(HttpContext httpContext, MessageDescriptor descriptor)
    {
        var request = httpContext.Request;
        var body = await RequestBodyReader.ReadAsync(request, _options.MaxRequestBodyBytes, httpContext.RequestAborted).ConfigureAwait(false);
        if (body is null)
        {
            return (null, null, Problems.Create(httpContext, StatusCodes.Status413PayloadTooLarge, ProblemCodes.BodyTooLarge,
                $"The body is larger than {_options.MaxRequestBodyBytes} bytes."));
        }

        if (body.Length > 0 && !IsJson(request.ContentType))
        {
            return (null, null, Problems.Create(httpContext, StatusCodes.Status415UnsupportedMediaType, ProblemCodes.UnsupportedMediaType,
                $"Send the body as application/json, not {request.ContentType}."));
        }

        try
        {
            return (JsonBodyBinder.Bind(body, descriptor), body, null);
        }
        catch (BindingException exception)
        {
            return (null, null, Problems.Create(httpContext, StatusCodes.Status400BadRequest, ProblemCodes.MalformedJson, exception.Message));
        }
    }

    private async Task<HttpOutcome> DispatchOnceAsync(
        HttpContext httpContext, MessageDescriptor descriptor, object message, byte[] body, MessageCaller caller, string key)
    {
        if (key.Length > 255 || key.Any(c => c is < '!' or > '~'))
        {
            return Problems.Create(httpContext, StatusCodes.Status400BadRequest, ProblemCodes.InvalidIdempotencyKey,
                "The Idempotency-Key header must be 1 to 255 visible ASCII characters.");
        }

        var settings = _options;
        var claim = await _idempotency.TryClaimAsync(
            IdempotencyKeys.For(caller, descriptor.Name, key), Convert.ToHexString(SHA256.HashData(body)), settings.IdempotencyClaimTimeout,
            httpContext.RequestAborted).ConfigureAwait(false);
        switch (claim.Status)
        {
            case IdempotencyClaimStatus.Completed:
                return StoredOutcomes.Read(claim.Outcome).WithHeader("Idempotent-Replayed", "true");
            case IdempotencyClaimStatus.InProgress:
                return Problems.Create(httpContext, StatusCodes.Status409Conflict, ProblemCodes.IdempotencyKeyInUse,
                    "A request with this Idempotency-Key is still being processed; retry later.");
            case IdempotencyClaimStatus.Mismatch:
                return Problems.Create(httpContext, StatusCodes.Status422UnprocessableEntity, ProblemCodes.IdempotencyKeyReused,
                    "This Idempotency-Key was already used for a different request.");
        }

        HttpOutcome outcome;
        try
        {
            outcome = await DispatchAsync(httpContext, descriptor, message).ConfigureAwait(false);
        }
        catch
        {
            // A fault has no outcome to repeat; free the key so the client can retry.
            await _idempotency.ReleaseAsync(claim, CancellationToken.None).ConfigureAwait(false);
            throw;
        }

        try
        {
            await _idempotency.CompleteAsync(claim, StoredOutcomes.Write(outcome), settings.IdempotencyRetention, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception exception)
        {
            // The command ran: answer it. A repeat finds the key in progress until its claim lapses.
            LogIdempotencyNotStored(_logger, exception, descriptor.Name);
        }

        return outcome;
    }

    /// <summary>Dispatches on the request's bus; <paramref name="features"/>, when given, receive what the behaviors report.</summary>
    private async Task<HttpOutcome> DispatchAsync(HttpContext httpContext, MessageDescriptor descriptor, object message, IFeatureCollection? features = null)
    {
        var bus = httpContext.RequestServices.GetRequiredService<IMessageBus>();
        var result = features is null
            ? await bus.DispatchAsync(message, httpContext.RequestAborted).ConfigureAwait(false)
            : await bus.DispatchAsync(message, features, httpContext.RequestAborted).ConfigureAwait(false);
        if (!result.TryGetValue(out var value))
        {
            return Problems.For(result.Error!, httpContext);
        }

        if (descriptor.ResultType is null)
        {
            return HttpOutcome.Empty(StatusCodes.Status200OK);
        }

        var status = descriptor.CreatesResource ? StatusCodes.Status201Created : StatusCodes.Status200OK;
        var json = JsonSerializer.SerializeToUtf8Bytes(value, _registry.SerializerOptions.GetTypeInfo(descriptor.ResultType));
        return HttpOutcome.Json(status, json);
    }

    /// <summary><c>Cache-Control: no-cache</c>: the caller wants the handler's answer now, not a stored one (which it then replaces).</summary>
    private static bool AsksForFreshAnswer(HttpRequest request) =>
        Microsoft.Net.Http.Headers.CacheControlHeaderValue.TryParse(request.Headers.CacheControl.ToString(), out var cacheControl) && cacheControl.NoCache;

    private static bool IsJson(string? contentType) =>
        contentType is null
        || Microsoft.Net.Http.Headers.MediaTypeHeaderValue.TryParse(contentType, out var media)
        && (media.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase)
            || media.Suffix.Equals("json", StringComparison.OrdinalIgnoreCase));

    [LoggerMessage(EventId = HttpLogEvents.IdempotencyOutcomeNotStored, EventName = nameof(HttpLogEvents.IdempotencyOutcomeNotStored), Level = LogLevel.Warning,
        Message = "The outcome of {command} could not be stored for its Idempotency-Key; a repeat waits for the claim to lapse")]
    private static partial void LogIdempotencyNotStored(ILogger logger, Exception exception, string command);
}
