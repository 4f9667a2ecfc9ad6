using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.OpenApi;
using ServerlessCqrs.Http.Responses;

namespace ServerlessCqrs.Http.ApiDescription;

/// <summary>
/// The OpenAPI 3.1 document of an <see cref="ApiModel"/>: an operation per command (POST) and query (GET with a
/// parameter per field, POST with a body), tagged by domain; every problem each can answer with, its codes included;
/// the cache and idempotency headers; and the security each needs.
/// </summary>
internal static class OpenApiDocumentFactory
{
    private const string Json = "application/json";
    private const string ProblemJson = "application/problem+json";
    private const string ProblemSchema = "Problem";
    private const string Bearer = "bearer";
    private const string FunctionKeyHeader = "functionKeyHeader";
    private const string FunctionKeyQuery = "functionKeyQuery";
    private const string HealthTag = "Health";
    private const string HealthReport = "HealthReport";

    public static OpenApiDocument Create(ApiModel model, ApiDescriptionOptions options, string version)
    {
        var document = new OpenApiDocument
        {
            Info = new OpenApiInfo
            {
                Title = options.Title,
                Version = version,
                Description = "Commands change state and answer with what they created; queries read, cached per the `Cache-Control` " +
                    "each answer carries. Every failure is an RFC 9457 problem with a stable `code`.",
            },
            Paths = [],
            Components = new OpenApiComponents
            {
                Schemas = new Dictionary<string, IOpenApiSchema>(StringComparer.Ordinal),
                Headers = new Dictionary<string, IOpenApiHeader>(StringComparer.Ordinal),
                Parameters = new Dictionary<string, IOpenApiParameter>(StringComparer.Ordinal),
                SecuritySchemes = new Dictionary<string, IOpenApiSecurityScheme>(StringComparer.Ordinal),
            },
        };

        foreach (var (name, schema) in model.Schemas.Components)
        {
            document.Components.Schemas[name] = OpenApiSchemas.From(schema, document);
        }

        document.Components.Schemas[ProblemSchema] = OpenApiSchemas.From(ProblemSchemaNode(), document);
        document.Components.Schemas[HealthReport] = HealthReportSchema();
        AddHeaders(document, model);
        AddSecuritySchemes(document, model, options);
        var tags = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var message in model.Messages)
        {
            tags.Add(message.Tag);
            var item = new OpenApiPathItem { Operations = [] };
            foreach (var operation in message.Operations)
            {
                item.Operations[HttpMethod.Parse(operation.Method)] = Operation(document, model, options, message, operation);
            }

            document.Paths[message.Path] = item;
        }

        document.Paths["/api/health"] = Health(document);
        document.Tags = new HashSet<OpenApiTag>(tags.Select(t => new OpenApiTag { Name = t, Description = $"The {t} domain's commands and queries." })
            .Append(new OpenApiTag { Name = HealthTag, Description = "Whether the app and what it depends on are up." }));
        return document;
    }

    private static OpenApiOperation Operation(OpenApiDocument document, ApiModel model, ApiDescriptionOptions options, ApiMessage message, ApiOperation operation)
    {
        var descriptor = message.Descriptor;
        var isQuery = descriptor.Kind == MessageKind.Query;
        var result = new OpenApiOperation
        {
            OperationId = operation.OperationId,
            Summary = XmlDocumentation.FirstSentence(message.Description) ?? descriptor.Name,
            Description = Describe(message, operation),
            Tags = new HashSet<OpenApiTagReference> { new(message.Tag, document) },
            Parameters = [],
            Responses = [],
            Security = Security(document, model, options, message.Access),
        };

        if (operation.HasBody)
        {
            result.RequestBody = new OpenApiRequestBody
            {
                Required = false,
                Description = "The message as JSON; an empty body is `{}`.",
                Content = new Dictionary<string, IOpenApiMediaType>
                {
                    [Json] = new OpenApiMediaType { Schema = new OpenApiSchemaReference(model.Schemas.NameOf(descriptor.MessageType), document) },
                },
            };
        }
        else
        {
            foreach (var property in descriptor.JsonTypeInfo.Properties.Where(p => p.Set is not null || p.AssociatedParameter is not null))
            {
                var field = model.Schemas.Field(property);
                var description = field["description"]?.GetValue<string>();
                field.Remove("description");
                result.Parameters.Add(new OpenApiParameter
                {
                    Name = property.Name,
                    In = ParameterLocation.Query,
                    Description = description,
                    Required = ValidationKeywords.IsRequired(property.AttributeProvider) || property.IsRequired,
                    Schema = OpenApiSchemas.From(field, document),
                });
            }
        }

        if (descriptor.Kind == MessageKind.Command)
        {
            result.Parameters.Add(new OpenApiParameterReference(IdempotencyKey, document));
        }
        else
        {
            result.Parameters.Add(new OpenApiParameterReference(RequestCacheControl, document));
            if (!operation.HasBody)
            {
                result.Parameters.Add(new OpenApiParameterReference(IfNoneMatch, document));
            }
        }

        result.Responses[message.SuccessStatus.ToString(System.Globalization.CultureInfo.InvariantCulture)] = Success(document, model, message, isQuery);
        if (isQuery && !operation.HasBody)
        {
            result.Responses["304"] = new OpenApiResponse
            {
                Description = "Not Modified: the `If-None-Match` names the current `ETag`; the handler did not run.",
                Headers = CacheHeaders(document),
            };
        }

        foreach (var problem in operation.Problems)
        {
            result.Responses[problem.Status.ToString(System.Globalization.CultureInfo.InvariantCulture)] = Problem(document, message, problem);
        }

        if (result.Parameters.Count == 0)
        {
            result.Parameters = null;
        }

        return result;
    }

    private static OpenApiResponse Success(OpenApiDocument document, ApiModel model, ApiMessage message, bool isQuery)
    {
        var descriptor = message.Descriptor;
        var response = new OpenApiResponse
        {
            Description = message.SuccessStatus == StatusCodes.Status201Created ? "Created." : descriptor.ResultType is null ? "Done; no body." : "OK.",
            Headers = isQuery ? CacheHeaders(document) : new Dictionary<string, IOpenApiHeader> { ["Idempotent-Replayed"] = new OpenApiHeaderReference(IdempotentReplayed, document) },
        };
        if (descriptor.ResultType is { } resultType)
        {
            response.Content = new Dictionary<string, IOpenApiMediaType>
            {
                [Json] = new OpenApiMediaType { Schema = new OpenApiSchemaReference(model.Schemas.NameOf(resultType), document) },
            };
        }

        return response;
    }

    /// <summary>
    /// A problem status: the problem schema, and an example per code it can carry — named by the code, so a reader (and a
    /// test) finds every code without a schema per response, which would give generated clients a type per response.
    /// </summary>
    private static OpenApiResponse Problem(OpenApiDocument document, ApiMessage message, ApiProblem problem)
    {
        var response = new OpenApiResponse
        {
            Description = $"{ReasonPhrases.GetReasonPhrase(problem.Status)}: {string.Join(", ", problem.Codes.Select(c => $"`{c}`"))}.",
            Content = new Dictionary<string, IOpenApiMediaType>
            {
                [ProblemJson] = new OpenApiMediaType
                {
                    Schema = new OpenApiSchemaReference(ProblemSchema, document),
                    Examples = problem.Codes.ToDictionary(code => code, code => (IOpenApiExample)new OpenApiExample
                    {
                        Summary = code,
                        Value = new JsonObject
                        {
                            ["type"] = Problems.TypeOf(problem.Status),
                            ["title"] = ReasonPhrases.GetReasonPhrase(problem.Status),
                            ["status"] = problem.Status,
                            ["detail"] = "What went wrong, for people.",
                            ["instance"] = message.Path,
                            ["code"] = code,
                            ["traceId"] = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01",
                        },
                    }, StringComparer.Ordinal),
                },
            },
        };
        if (problem.Status == StatusCodes.Status401Unauthorized)
        {
            response.Headers = new Dictionary<string, IOpenApiHeader> { ["WWW-Authenticate"] = new OpenApiHeaderReference(WwwAuthenticate, document) };
        }

        return response;
    }

    private static string Describe(ApiMessage message, ApiOperation operation)
    {
        var parts = new List<string>();
        if (message.Description is { } description)
        {
            parts.Add(description);
        }

        if (message.Descriptor.Kind == MessageKind.Query)
        {
            parts.Add(operation.HasBody
                ? $"The query as a JSON body; `GET {message.Path}` takes the same fields as query-string parameters and answers `304` to a current `If-None-Match`."
                : $"Each field is a query-string parameter (repeat one to fill a list); `POST {message.Path}` takes the same query as a JSON body.");
        }

        var access = message.Access;
        if (access.Roles.Count > 0)
        {
            parts.Add($"Needs one of the roles {string.Join(", ", access.Roles.Select(r => $"`{r}`"))}.");
        }

        if (access.Policies.Count > 0)
        {
            parts.Add($"Needs the authorization policies {string.Join(", ", access.Policies.Select(p => $"`{p}`"))}.");
        }

        parts.Add(access.Authenticated ? "Needs an authenticated caller." : "Open to anonymous callers.");
        return string.Join("\n\n", parts);
    }

    private static List<OpenApiSecurityRequirement>? Security(OpenApiDocument document, ApiModel model, ApiDescriptionOptions options, ApiAccess access)
    {
        var bearer = access.Authenticated && model.AuthenticationConfigured;
        if (!options.FunctionKeys)
        {
            // An empty requirement says "no credentials" outright, rather than leaving a reader to guess.
            return bearer ? [Requirement(document, Bearer)] : [Requirement(document)];
        }

        return bearer
            ? [Requirement(document, FunctionKeyHeader, Bearer), Requirement(document, FunctionKeyQuery, Bearer)]
            : [Requirement(document, FunctionKeyHeader), Requirement(document, FunctionKeyQuery)];
    }

    private static OpenApiSecurityRequirement Requirement(OpenApiDocument document, params string[] schemes)
    {
        var requirement = new OpenApiSecurityRequirement();
        foreach (var scheme in schemes)
        {
            requirement[new OpenApiSecuritySchemeReference(scheme, document)] = [];
        }

        return requirement;
    }

    private static void AddSecuritySchemes(OpenApiDocument document, ApiModel model, ApiDescriptionOptions options)
    {
        var schemes = document.Components!.SecuritySchemes!;
        if (model.AuthenticationConfigured)
        {
            schemes[Bearer] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http,
                Scheme = "bearer",
                BearerFormat = "JWT",
                Description = "A bearer token from the configured issuer (Entra ID, or `cqrs-ops token` in development). Its tenant and user scope every message.",
            };
        }

        if (options.FunctionKeys)
        {
            schemes[FunctionKeyHeader] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.ApiKey, In = ParameterLocation.Header, Name = "x-functions-key", Description = "An Azure Functions key.",
            };
            schemes[FunctionKeyQuery] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.ApiKey, In = ParameterLocation.Query, Name = "code", Description = "An Azure Functions key, in the query string.",
            };
        }

        if (schemes.Count == 0)
        {
            document.Components!.SecuritySchemes = null;
        }
    }

    private const string IdempotencyKey = "IdempotencyKey";
    private const string IfNoneMatch = "IfNoneMatch";
    private const string RequestCacheControl = "RequestCacheControl";
    private const string ETag = "ETag";
    private const string CacheControl = "CacheControl";
    private const string Age = "Age";
    private const string XCache = "XCache";
    private const string XCacheFailSafe = "XCacheFailSafe";
    private const string IdempotentReplayed = "IdempotentReplayed";
    private const string WwwAuthenticate = "WwwAuthenticate";

    private static void AddHeaders(OpenApiDocument document, ApiModel model)
    {
        var parameters = document.Components!.Parameters!;
        parameters[IdempotencyKey] = new OpenApiParameter
        {
            Name = "Idempotency-Key",
            In = ParameterLocation.Header,
            Description = "Sends the command at most once: a repeat with the same key and body gets the first answer (with `Idempotent-Replayed: true`); " +
                "the same key with another body gets 422; while the first is running, 409.",
            Schema = new OpenApiSchema { Type = JsonSchemaType.String, MinLength = 1, MaxLength = 255, Pattern = "^[!-~]+$" },
        };
        parameters[IfNoneMatch] = new OpenApiParameter
        {
            Name = "If-None-Match",
            In = ParameterLocation.Header,
            Description = "The `ETag` of an answer already held: `304` with no body while it is current.",
            Schema = new OpenApiSchema { Type = JsonSchemaType.String },
        };
        parameters[RequestCacheControl] = new OpenApiParameter
        {
            Name = "Cache-Control",
            In = ParameterLocation.Header,
            Description = "`no-cache` runs the handler now and stores its answer, whatever is cached.",
            Schema = new OpenApiSchema { Type = JsonSchemaType.String },
        };

        var headers = document.Components!.Headers!;
        headers[ETag] = Header("A strong validator of the answer; send it back in `If-None-Match`.", required: true);
        headers[CacheControl] = Header("`private, max-age=<seconds>` for a cached query, `no-store` for one never cached, `no-cache` for one without a cache policy.", required: true);
        headers[XCache] = Header("How the cache answered: `hit`, `stale`, `miss` or `bypass`.", required: true);
        headers[Age] = Header("Seconds since a cached answer was computed (cache hits only).", required: false, JsonSchemaType.Integer);
        headers[XCacheFailSafe] = Header("`true` when the handler failed and an older answer was served instead.", required: false);
        headers[IdempotentReplayed] = Header("`true` when this is the stored answer to an earlier request with the same `Idempotency-Key`.", required: false);
        if (model.Messages.Any(m => m.Operations.Any(o => o.Problems.Any(p => p.Status == StatusCodes.Status401Unauthorized))))
        {
            headers[WwwAuthenticate] = Header("`Bearer`: how to authenticate.", required: true);
        }
    }

    private static OpenApiHeader Header(string description, bool required, JsonSchemaType type = JsonSchemaType.String) =>
        new() { Description = description, Required = required, Schema = new OpenApiSchema { Type = type } };

    private static Dictionary<string, IOpenApiHeader> CacheHeaders(OpenApiDocument document) => new()
    {
        ["ETag"] = new OpenApiHeaderReference(ETag, document),
        ["Cache-Control"] = new OpenApiHeaderReference(CacheControl, document),
        ["X-Cache"] = new OpenApiHeaderReference(XCache, document),
        ["Age"] = new OpenApiHeaderReference(Age, document),
        [QueryCacheHeaders.XCacheFailSafe] = new OpenApiHeaderReference(XCacheFailSafe, document),
    };

    private static OpenApiPathItem Health(OpenApiDocument document) => new()
    {
        Operations = new Dictionary<HttpMethod, OpenApiOperation>
        {
            [HttpMethod.Get] = new OpenApiOperation
            {
                OperationId = "Health",
                Summary = "Whether the app is up.",
                Description = "200 while healthy or degraded, 503 when unhealthy; each check's status. Open to anonymous callers and never cached.",
                Tags = new HashSet<OpenApiTagReference> { new(HealthTag, document) },
                Security = [new OpenApiSecurityRequirement()],
                Responses = new OpenApiResponses
                {
                    ["200"] = HealthResponse(document, "Healthy or degraded."),
                    ["503"] = HealthResponse(document, "Unhealthy."),
                },
            },
        },
    };

    private static OpenApiResponse HealthResponse(OpenApiDocument document, string description) => new()
    {
        Description = description,
        Content = new Dictionary<string, IOpenApiMediaType>
        {
            [Json] = new OpenApiMediaType { Schema = new OpenApiSchemaReference(HealthReport, document) },
        },
    };

    private static OpenApiSchema HealthReportSchema() => new()
    {
        Type = JsonSchemaType.Object,
        Description = "The app's health and each check's.",
        Required = new HashSet<string> { "status", "checks" },
        Properties = new Dictionary<string, IOpenApiSchema>
        {
            ["status"] = new OpenApiSchema { Type = JsonSchemaType.String, Enum = ["Healthy", "Degraded", "Unhealthy"] },
            ["checks"] = new OpenApiSchema
            {
                Type = JsonSchemaType.Object,
                AdditionalProperties = new OpenApiSchema { Type = JsonSchemaType.String, Enum = ["Healthy", "Degraded", "Unhealthy"] },
            },
        },
    };

    /// <summary>The problem body <see cref="Problems"/> writes: RFC 9457's members, the stable <c>code</c>, the <c>traceId</c>, and a validation failure's <c>errors</c>.</summary>
    private static JsonObject ProblemSchemaNode() => new()
    {
        ["type"] = "object",
        ["description"] = "An RFC 9457 problem. `code` is stable: branch on it, never on `detail`, which is for people.",
        ["properties"] = new JsonObject
        {
            ["type"] = new JsonObject { ["type"] = "string", ["description"] = "The RFC 9110 section of the status, or `about:blank`." },
            ["title"] = new JsonObject { ["type"] = "string" },
            ["status"] = new JsonObject { ["type"] = "integer" },
            ["detail"] = new JsonObject { ["type"] = "string" },
            ["instance"] = new JsonObject { ["type"] = "string", ["description"] = "The request path." },
            ["code"] = new JsonObject { ["type"] = "string" },
            ["traceId"] = new JsonObject { ["type"] = "string", ["description"] = "Quote it when reporting the problem." },
            ["errors"] = new JsonObject
            {
                ["type"] = "object",
                ["description"] = "Validation failures: each invalid field (its JSON path) and why.",
                ["additionalProperties"] = new JsonObject { ["type"] = "array", ["items"] = new JsonObject { ["type"] = "string" } },
            },
        },
        ["required"] = new JsonArray("type", "title", "status", "detail", "instance", "code", "traceId"),
    };
}
