using Microsoft.AspNetCore.Authorization;

namespace ServerlessCqrs.Security;

/// <summary>
/// What a message type declares about who may send it: <c>[AllowAnonymous]</c>, or its <c>[Authorize]</c>
/// attributes (roles, policies). Read once per type; the authorization stage enforces it, the catalog lists it.
/// </summary>
public sealed class MessageAuthorizationData
{
    private MessageAuthorizationData(Type messageType)
    {
        var attributes = messageType.GetCustomAttributes(inherit: true);
        AllowAnonymous = attributes.OfType<IAllowAnonymous>().Any();
        Authorize = [.. attributes.OfType<IAuthorizeData>()];
    }

    /// <summary>Whether the type is <c>[AllowAnonymous]</c>: anyone may send it.</summary>
    public bool AllowAnonymous { get; }

    /// <summary>The type's <c>[Authorize]</c> attributes; none: the default policy applies.</summary>
    public IReadOnlyList<IAuthorizeData> Authorize { get; }

    /// <summary>The roles any of the attributes names.</summary>
    public IEnumerable<string> Roles =>
        Authorize.SelectMany(a => a.Roles?.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries) ?? []).Distinct();

    /// <summary>The policies the attributes name.</summary>
    public IEnumerable<string> Policies => Authorize.Select(a => a.Policy).OfType<string>().Distinct();

    /// <summary>What <typeparamref name="TMessage"/> declares.</summary>
    public static MessageAuthorizationData Of<TMessage>() => Cache<TMessage>.Data;

    /// <summary>What <paramref name="messageType"/> declares.</summary>
    public static MessageAuthorizationData Of(Type messageType)
    {
        ArgumentNullException.ThrowIfNull(messageType);
        return new(messageType);
    }

    private static class Cache<TMessage>
    {
        public static readonly MessageAuthorizationData Data = new(typeof(TMessage));
    }
}
