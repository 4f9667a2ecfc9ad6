using System.Security.Claims;
using Microsoft.Extensions.Options;

namespace ServerlessCqrs.Security;

/// <summary>Makes the <see cref="MessageCaller"/> of an authenticated principal, reading its ids from the configured claim types.</summary>
public sealed class CallerResolver(IOptions<CallerOptions> options)
{
    /// <summary>The longest user id kept; a longer claim is not an id.</summary>
    public const int MaxUserIdLength = 128;

    private readonly IReadOnlyList<string> _tenantClaims = options.Value.TenantClaims;
    private readonly IReadOnlyList<string> _userClaims = options.Value.UserClaims;

    /// <summary>
    /// The caller <paramref name="user"/> is: anonymous when it is not authenticated. <see langword="null"/>
    /// when its tenant claim is unusable (an id outside <see cref="TenantIds"/>' alphabet) or its user claim is
    /// missing or unusable (control characters, over <see cref="MaxUserIdLength"/>): such credentials are refused,
    /// not guessed at, for what a caller may see is decided by its user id.
    /// </summary>
    public MessageCaller? Resolve(ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (user.Identity?.IsAuthenticated != true)
        {
            return MessageCaller.Anonymous;
        }

        var tenant = First(user, _tenantClaims);
        var userId = First(user, _userClaims);
        if (tenant is not null && !TenantIds.IsValid(tenant)
            || userId is null || userId.Length is 0 or > MaxUserIdLength || userId.Any(char.IsControl))
        {
            return null;
        }

        return MessageCaller.ForUser(user, tenant, userId);
    }

    private static string? First(ClaimsPrincipal user, IReadOnlyList<string> claimTypes)
    {
        foreach (var type in claimTypes)
        {
            if (user.FindFirst(type)?.Value is { } value)
            {
                return value;
            }
        }

        return null;
    }
}
