using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using ServerlessCqrs.Http.Responses;
using ServerlessCqrs.Security;

namespace ServerlessCqrs.Http.Security;

/// <summary>
/// Authenticates a request with every scheme the app registered, in order (the Functions app's App Service
/// Authentication principal, then bearer tokens), through ASP.NET Core's authentication service, the same on
/// both hosts. The first principal wins; credentials a scheme refuses end the request with 401, whatever
/// the message, and the reason goes to the log. No scheme, or none that finds credentials: an anonymous caller.
/// </summary>
public sealed partial class CallerAuthentication(IAuthenticationSchemeProvider schemes, CallerResolver callers, ILogger<CallerAuthentication> logger)
{
    /// <summary>The caller of the request, or the problem to answer with.</summary>
    public async Task<(MessageCaller? Caller, HttpOutcome? Problem)> AuthenticateAsync(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        foreach (var scheme in await schemes.GetAllSchemesAsync().ConfigureAwait(false))
        {
            var result = await httpContext.AuthenticateAsync(scheme.Name).ConfigureAwait(false);
            if (result.None)
            {
                continue;
            }

            if (!result.Succeeded)
            {
                LogRefused(logger, scheme.Name, result.Failure?.Message ?? "no principal");
                return (null, Problems.Unauthenticated(httpContext));
            }

            if (callers.Resolve(result.Principal) is not { } caller)
            {
                LogRefused(logger, scheme.Name, "its tenant or user claim is not a usable id");
                return (null, Problems.Unauthenticated(httpContext));
            }

            httpContext.User = result.Principal;
            return (caller, null);
        }

        return (MessageCaller.Anonymous, null);
    }

    [LoggerMessage(EventId = HttpLogEvents.CredentialsRefused, EventName = nameof(HttpLogEvents.CredentialsRefused), Level = LogLevel.Information,
        Message = "The request's {scheme} credentials were refused: {reason}")]
    private static partial void LogRefused(ILogger logger, string scheme, string reason);
}
