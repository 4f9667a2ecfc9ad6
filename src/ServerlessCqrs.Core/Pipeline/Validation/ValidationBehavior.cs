using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization.Metadata;
using Microsoft.Extensions.Validation;
using ServerlessCqrs.Registry;

namespace ServerlessCqrs.Pipeline.Validation;

/// <summary>
/// Rejects invalid commands and queries with a validation <see cref="Error"/> before any handler or retry
/// runs. The rules are DataAnnotations attributes and <see cref="IValidatableObject"/>, checked by
/// Microsoft.Extensions.Validation over the message's JSON contract; errors are keyed by JSON path. A message
/// type without rules passes straight through.
/// </summary>
internal sealed class ValidationBehavior<TMessage, TResponse> : IMessageBehavior<TMessage, TResponse>
    where TMessage : notnull
    where TResponse : IMessageResult<TResponse>
{
    private readonly ValidationOptions _options;
    private readonly IValidatableInfo? _rules;
    private readonly JsonTypeInfo _contract;

    public ValidationBehavior(MessageRegistry registry, MessageValidation validation)
    {
        _contract = registry.GetByType(typeof(TMessage)).JsonTypeInfo;
        _options = validation.Options;
        _options.TryGetValidatableTypeInfo(typeof(TMessage), out _rules);
    }

    public ValueTask<TResponse> HandleAsync(
        TMessage message, MessageContext context, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        if (_rules is null)
        {
            return next(message, context, cancellationToken);
        }

        var validation = new ValidateContext { ValidationContext = new ValidationContext(message), ValidationOptions = _options };
        var checking = _rules.ValidateAsync(message, validation, cancellationToken);

        // The rules are synchronous, so the check has finished here; an asynchronous one is awaited.
        return checking.IsCompletedSuccessfully
            ? ContinueAsync(message, context, next, validation, cancellationToken)
            : AwaitAsync(checking, message, context, next, validation, cancellationToken);
    }

    private async ValueTask<TResponse> AwaitAsync(
        Task checking, TMessage message, MessageContext context, MessageHandlerDelegate<TMessage, TResponse> next, ValidateContext validation, CancellationToken cancellationToken)
    {
#pragma warning disable VSTHRD003 // Started just above, by this call.
        await checking.ConfigureAwait(false);
#pragma warning restore VSTHRD003
        return await ContinueAsync(message, context, next, validation, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The handler's turn when the message is valid; otherwise the validation error.</summary>
    private ValueTask<TResponse> ContinueAsync(
        TMessage message, MessageContext context, MessageHandlerDelegate<TMessage, TResponse> next, ValidateContext validation, CancellationToken cancellationToken)
    {
        if (validation.ValidationErrors is not { Count: > 0 } errors)
        {
            return next(message, context, cancellationToken);
        }

        var fields = new Dictionary<string, string[]>(StringComparer.Ordinal);
        foreach (var (path, messages) in errors)
        {
            var key = ValidationPaths.ToJson(path, _contract);
            fields[key] = fields.TryGetValue(key, out var earlier) ? [.. earlier, .. messages] : messages;
        }

        return ValueTask.FromResult(TResponse.FromError(Error.Validation(fields)));
    }
}
