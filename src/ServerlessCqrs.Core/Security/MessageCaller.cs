using System.Security.Claims;
using ServerlessCqrs.Diagnostics;

namespace ServerlessCqrs.Security;

/// <summary>
/// Who a message runs for: the authenticated principal (or an anonymous one), the tenant whose data it
/// may touch and the user it speaks for. Hosts set it from the authenticated request; the event dispatcher
/// sets a service caller for the tenant and user that raised the event. Never from a header a client sets.
/// </summary>
public sealed class MessageCaller
{
    /// <summary>
    /// The tenant of callers that carry none (an open host, background work) and of data written before
    /// tenants: its data keeps its unprefixed keys.
    /// </summary>
    public const string DefaultTenant = "default";

    /// <summary>The authentication type of the service identity event handlers run under.</summary>
    public const string ServiceAuthenticationType = "ServerlessCqrs.Service";

    /// <summary>The claim that marks the service identity; its value is <see cref="ServiceClaimValue"/>.</summary>
    public const string CallerKindClaimType = "cqrs_caller";

    /// <summary>The value of <see cref="CallerKindClaimType"/> on the service identity.</summary>
    public const string ServiceClaimValue = "service";

    /// <summary>The claim of the service identity that names the user whose change raised the event.</summary>
    public const string OnBehalfOfClaimType = "cqrs_on_behalf_of";

    private static readonly AsyncLocal<MessageCaller?> s_current = new();

    private MessageCaller(ClaimsPrincipal user, string tenantId, string? userId, bool isService)
    {
        User = user;
        TenantId = tenantId;
        UserId = userId;
        IsService = isService;
        if (tenantId != DefaultTenant || userId is not null)
        {
            List<KeyValuePair<string, object?>> fields = [new(CqrsDiagnostics.LogScopeFields.TenantId, tenantId)];
            if (userId is not null)
            {
                fields.Add(new(CqrsDiagnostics.LogScopeFields.UserId, userId));
            }

            LogScope = fields;
        }
    }

    /// <summary>No credentials: the default tenant, no user.</summary>
    public static MessageCaller Anonymous { get; } = new(new ClaimsPrincipal(new ClaimsIdentity()), DefaultTenant, null, isService: false);

    /// <summary>
    /// The caller of the code running now, as <c>Activity.Current</c> is its span: it flows with the async
    /// call, so singletons (stores, the cache) and the commands a handler sends see the same caller.
    /// <see cref="Anonymous"/> when none was set.
    /// </summary>
    public static MessageCaller Current => s_current.Value ?? Anonymous;

    /// <summary>The principal, as ASP.NET Core authorization sees it.</summary>
    public ClaimsPrincipal User { get; }

    /// <summary>The tenant; <see cref="DefaultTenant"/> when the caller carries none.</summary>
    public string TenantId { get; }

    /// <summary>The user's id; for the service identity, the user whose change raised the event, when known.</summary>
    public string? UserId { get; }

    /// <summary>Whether the caller is the service itself (event handlers and what they send), not a person or client.</summary>
    public bool IsService { get; }

    /// <summary>The logging scope of the caller's ids; <see langword="null"/> when it has neither a tenant nor a user id.</summary>
    internal IReadOnlyList<KeyValuePair<string, object?>>? LogScope { get; }

    /// <summary>Whether the principal is authenticated (the service identity is).</summary>
    public bool IsAuthenticated => User.Identity?.IsAuthenticated == true;

    /// <summary>A caller authenticated as <paramref name="user"/>, with the ids read from its claims.</summary>
    public static MessageCaller ForUser(ClaimsPrincipal user, string? tenantId, string? userId)
    {
        ArgumentNullException.ThrowIfNull(user);
        return new(user, TenantIds.OrDefault(tenantId), userId, isService: false);
    }

    /// <summary>The service identity acting for <paramref name="tenantId"/>, on behalf of <paramref name="onBehalfOfUserId"/> when known.</summary>
    public static MessageCaller ForService(string? tenantId, string? onBehalfOfUserId)
    {
        var tenant = TenantIds.OrDefault(tenantId);
        List<Claim> claims = [new(CallerKindClaimType, ServiceClaimValue), new(CallerClaimTypes.Tenant, tenant)];
        if (onBehalfOfUserId is not null)
        {
            claims.Add(new(OnBehalfOfClaimType, onBehalfOfUserId));
        }

        return new(new ClaimsPrincipal(new ClaimsIdentity(claims, ServiceAuthenticationType)), tenant, onBehalfOfUserId, isService: true);
    }

    /// <summary>Makes <paramref name="caller"/> current until the returned scope is disposed, when the previous one is back.</summary>
    public static Scope Use(MessageCaller caller)
    {
        ArgumentNullException.ThrowIfNull(caller);
        var previous = s_current.Value;
        s_current.Value = caller;
        return new Scope(previous);
    }

    /// <summary>Restores the caller that was current before <see cref="Use"/>.</summary>
    public readonly struct Scope : IDisposable
    {
        private readonly MessageCaller? _previous;

        internal Scope(MessageCaller? previous) => _previous = previous;

        /// <inheritdoc />
        public void Dispose() => s_current.Value = _previous;
    }
}
