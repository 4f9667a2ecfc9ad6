using Microsoft.AspNetCore.Authorization;

namespace ServerlessCqrs.Security;

/// <summary>How commands and queries are authorized beyond what their attributes say.</summary>
public sealed class MessageAuthorizationOptions
{
    /// <summary>
    /// The policy of a message that declares neither <c>[Authorize]</c> nor <c>[AllowAnonymous]</c>;
    /// <see langword="null"/> (the default of a host with no authentication) lets them through. The HTTP edge
    /// sets an authenticated caller when authentication is configured. Kept apart from ASP.NET Core's
    /// endpoint fallback policy, which would close the health and catalog endpoints too.
    /// </summary>
    public AuthorizationPolicy? DefaultPolicy { get; set; }
}
