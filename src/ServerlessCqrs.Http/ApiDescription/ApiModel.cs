using System.Reflection;
using Microsoft.AspNetCore.Http;
using ServerlessCqrs.Http.Responses;
using ServerlessCqrs.Registry;
using ServerlessCqrs.Security;

namespace ServerlessCqrs.Http.ApiDescription;

/// <summary>What a caller needs to send a message.</summary>
/// <param name="Authenticated">Whether an authenticated caller is needed.</param>
/// <param name="Roles">Roles, any one of which is needed.</param>
/// <param name="Policies">Policies that must all hold.</param>
internal sealed record ApiAccess(bool Authenticated, IReadOnlyList<string> Roles, IReadOnlyList<string> Policies);

/// <summary>A problem status an operation can answer with, and the codes it carries.</summary>
internal sealed record ApiProblem(int Status, IReadOnlyList<string> Codes);

/// <summary>One HTTP operation of a message: a command's POST, a query's GET or POST.</summary>
/// <param name="Method">GET or POST.</param>
/// <param name="OperationId">The message name; a query's POST adds <c>ByPost</c>.</param>
/// <param name="HasBody">Whether the message is read from a JSON body (otherwise from the query string).</param>
/// <param name="Problems">Every problem it can answer with, by status.</param>
internal sealed record ApiOperation(string Method, string OperationId, bool HasBody, IReadOnlyList<ApiProblem> Problems);

/// <summary>A command or query as the API describes it.</summary>
/// <param name="Descriptor">The registered message.</param>
/// <param name="Path">Its route.</param>
/// <param name="Tag">Its domain: the last part of its assembly's name (<c>ServerlessCqrs.Orders</c>: Orders).</param>
/// <param name="Description">Its XML documentation.</param>
/// <param name="Access">Who may send it.</param>
/// <param name="SuccessStatus">200, or 201 for a message that creates a resource.</param>
/// <param name="Operations">Its operations.</param>
internal sealed record ApiMessage(
    MessageDescriptor Descriptor, string Path, string Tag, string? Description, ApiAccess Access, int SuccessStatus, IReadOnlyList<ApiOperation> Operations);

/// <summary>
/// The one description of the HTTP API, built from the message registry at startup: each command and query with its
/// route, domain, documentation, access, the problems it can answer with, and the schemas of everything on the wire.
/// The OpenAPI document and the catalog are views of it.
/// </summary>
internal sealed class ApiModel
{
    private ApiModel(IReadOnlyList<ApiMessage> messages, IReadOnlyList<MessageDescriptor> events, MessageSchemas schemas, bool authenticationConfigured)
    {
        Messages = messages;
        Events = events;
        Schemas = schemas;
        AuthenticationConfigured = authenticationConfigured;
    }

    /// <summary>The commands and queries, by name.</summary>
    public IReadOnlyList<ApiMessage> Messages { get; }

    /// <summary>The events (not sent over HTTP, so not in the OpenAPI document).</summary>
    public IReadOnlyList<MessageDescriptor> Events { get; }

    /// <summary>The schemas of messages and results.</summary>
    public MessageSchemas Schemas { get; }

    /// <summary>Whether callers authenticate (bearer tokens or App Service Authentication).</summary>
    public bool AuthenticationConfigured { get; }

    /// <param name="registry">The messages.</param>
    /// <param name="authenticationConfigured">Whether authentication is configured, which makes a message that declares nothing need an authenticated caller.</param>
    public static ApiModel Build(MessageRegistry registry, bool authenticationConfigured)
    {
        var documentation = new XmlDocumentation();
        var schemas = new MessageSchemas(registry.SerializerOptions, documentation);
        var ordered = registry.Messages.Where(m => !m.IsServiceOnly).OrderBy(m => m.Name, StringComparer.Ordinal).ToList();
        var messages = new List<ApiMessage>();
        foreach (var message in ordered.Where(m => m.Kind is MessageKind.Command or MessageKind.Query))
        {
            schemas.AddRequest(message.MessageType);
            if (message.ResultType is { } result)
            {
                schemas.AddResponse(result);
            }

            messages.Add(Describe(message, documentation, authenticationConfigured));
        }

        return new ApiModel(messages, [.. ordered.Where(m => m.Kind == MessageKind.Event)], schemas, authenticationConfigured);
    }

    private static ApiMessage Describe(MessageDescriptor message, XmlDocumentation documentation, bool authenticationConfigured)
    {
        var declared = MessageAuthorizationData.Of(message.MessageType);
        var access = declared.AllowAnonymous
            ? new ApiAccess(false, [], [])
            : new ApiAccess(declared.Authorize.Count > 0 || authenticationConfigured, [.. declared.Roles], [.. declared.Policies]);
        var expected = message.MessageType.GetCustomAttributes<ExpectedErrorAttribute>()
            .Select(e => (Status: Problems.StatusOf(e.Kind), e.Code)).ToList();
        var credentialsChecked = access.Authenticated || authenticationConfigured;
        var isCommand = message.Kind == MessageKind.Command;
        var name = message.Name;
        var route = isCommand ? "commands" : "queries";
        IReadOnlyList<ApiOperation> operations = isCommand
            ? [new("POST", name, true, ProblemsOf(expected, access, credentialsChecked, hasBody: true, isCommand: true))]
            :
            [
                new("GET", name, false, ProblemsOf(expected, access, credentialsChecked, hasBody: false, isCommand: false)),
                new("POST", name + "ByPost", true, ProblemsOf(expected, access, credentialsChecked, hasBody: true, isCommand: false)),
            ];
        return new ApiMessage(
            message, $"/api/{route}/{name}", Tag(message.MessageType.Assembly), documentation.Of(message.MessageType), access,
            message.CreatesResource ? StatusCodes.Status201Created : StatusCodes.Status200OK, operations);
    }

    /// <summary>Every problem the edge, the pipeline and the handler (as declared) can answer the operation with.</summary>
    private static List<ApiProblem> ProblemsOf(
        List<(int Status, string Code)> expected, ApiAccess access, bool credentialsChecked, bool hasBody, bool isCommand)
    {
        List<(int Status, string Code)> codes = [.. expected, (StatusCodes.Status400BadRequest, Error.ValidationCode), (StatusCodes.Status500InternalServerError, ProblemCodes.InternalError)];
        if (hasBody)
        {
            codes.AddRange([
                (StatusCodes.Status400BadRequest, ProblemCodes.MalformedJson), (StatusCodes.Status400BadRequest, ProblemCodes.BadRequest),
                (StatusCodes.Status413PayloadTooLarge, ProblemCodes.BodyTooLarge), (StatusCodes.Status415UnsupportedMediaType, ProblemCodes.UnsupportedMediaType)]);
        }
        else
        {
            codes.Add((StatusCodes.Status400BadRequest, ProblemCodes.MalformedQuery));
        }

        if (isCommand)
        {
            codes.AddRange([
                (StatusCodes.Status400BadRequest, ProblemCodes.InvalidIdempotencyKey), (StatusCodes.Status409Conflict, ProblemCodes.IdempotencyKeyInUse),
                (StatusCodes.Status409Conflict, Error.ConcurrencyCode), (StatusCodes.Status422UnprocessableEntity, ProblemCodes.IdempotencyKeyReused)]);
        }

        if (credentialsChecked)
        {
            codes.Add((StatusCodes.Status401Unauthorized, ProblemCodes.Unauthenticated));
        }

        if (access.Roles.Count > 0 || access.Policies.Count > 0)
        {
            codes.Add((StatusCodes.Status403Forbidden, Error.ForbiddenCode));
        }

        return [.. codes.GroupBy(c => c.Status).OrderBy(g => g.Key)
            .Select(g => new ApiProblem(g.Key, [.. g.Select(c => c.Code).Distinct().Order(StringComparer.Ordinal)]))];
    }

    private static string Tag(Assembly assembly)
    {
        var name = assembly.GetName().Name ?? "Messages";
        return name[(name.LastIndexOf('.') + 1)..];
    }
}
