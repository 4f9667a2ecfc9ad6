using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ServerlessCqrs.Diagnostics;
using ServerlessCqrs.Security;

namespace ServerlessCqrs.Pipeline.Behaviors;

/// <summary>
/// Authorizes every command and query before it is validated or answered from the cache: the
/// <c>[Authorize]</c> attributes on the message type (roles, policies), or
/// <see cref="MessageAuthorizationOptions.DefaultPolicy"/> when it declares none, evaluated by <see cref="IAuthorizationService"/> for the caller, with the message as the
/// resource. <c>[AllowAnonymous]</c> lets anyone through. An unauthenticated caller gets
/// <see cref="ErrorKind.Unauthenticated"/>, an authenticated one <see cref="ErrorKind.Forbidden"/>.
/// </summary>
internal sealed partial class AuthorizationBehavior<TMessage, TResponse>(
    IAuthorizationService authorization,
    IAuthorizationPolicyProvider policies,
    IOptions<MessageAuthorizationOptions> options,
    ILogger<AuthorizationBehavior<TMessage, TResponse>> logger)
    : IMessageBehavior<TMessage, TResponse>
    where TMessage : notnull
    where TResponse : IMessageResult<TResponse>
{
    private static readonly MessageAuthorizationData s_declared = MessageAuthorizationData.Of<TMessage>();
    private static readonly bool s_serviceOnly = Attribute.IsDefined(typeof(TMessage), typeof(ServiceOnlyAttribute), inherit: false);

    private readonly AuthorizationPolicy? _defaultPolicy = options.Value.DefaultPolicy;

    public ValueTask<TResponse> HandleAsync(
        TMessage message, MessageContext context, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        if (s_serviceOnly && !context.Caller.IsService)
        {
            LogDenied(logger, context.Message.Name, context.Caller.IsAuthenticated, default(UnmetRequirements));
            return ValueTask.FromResult(TResponse.FromError(
                Error.Forbidden(Error.ForbiddenCode, $"Only the service sends {context.Message.Name}; it is not a caller's message.")));
        }

        // A message with nothing to check (anonymous, or no attribute and no default policy) passes straight through.
        if (s_declared.AllowAnonymous || s_declared.Authorize.Count == 0 && _defaultPolicy is null)
        {
            return next(message, context, cancellationToken);
        }

        return AuthorizeAsync(message, context, next, cancellationToken);
    }

    private async ValueTask<TResponse> AuthorizeAsync(
        TMessage message, MessageContext context, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        // Attributes are combined per call, as ASP.NET Core does: a policy provider may answer differently over time.
        var policy = s_declared.Authorize.Count == 0
            ? _defaultPolicy
            : await AuthorizationPolicy.CombineAsync(policies, s_declared.Authorize).ConfigureAwait(false) ?? _defaultPolicy;
        if (policy is null)
        {
            return await next(message, context, cancellationToken).ConfigureAwait(false);
        }

        var caller = context.Caller;
        var result = await authorization.AuthorizeAsync(caller.User, message, policy).ConfigureAwait(false);
        if (result.Succeeded)
        {
            return await next(message, context, cancellationToken).ConfigureAwait(false);
        }

        LogDenied(logger, context.Message.Name, caller.IsAuthenticated, result.Failure);
        return TResponse.FromError(caller.IsAuthenticated
            ? Error.Forbidden(Error.ForbiddenCode, $"The caller may not send {context.Message.Name}.")
            : Error.Unauthenticated($"{context.Message.Name} needs an authenticated caller."));
    }

    [LoggerMessage(EventId = CqrsLogEvents.Pipeline.AuthorizationDenied, EventName = nameof(CqrsLogEvents.Pipeline.AuthorizationDenied), Level = LogLevel.Information,
        Message = "{message} was refused (authenticated caller: {authenticated}); {failure}")]
    private static partial void LogDenied(ILogger logger, string message, bool authenticated, UnmetRequirements failure);

    /// <summary>The unmet requirements, written out only when the record is.</summary>
    private readonly struct UnmetRequirements(AuthorizationFailure? failure)
    {
        public static implicit operator UnmetRequirements(AuthorizationFailure? failure) => new(failure);

        public override string ToString() => "unmet: " + string.Join("; ", failure?.FailedRequirements.Select(r => r.ToString()) ?? []);
    }
}
