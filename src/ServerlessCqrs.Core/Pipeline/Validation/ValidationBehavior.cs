using ServerlessCqrs.Registry;

namespace ServerlessCqrs.Pipeline.Validation;

/// <summary>
/// Rejects invalid commands and queries with a validation <see cref="Error"/> before any handler or
/// retry runs. Rules are DataAnnotations attributes (and <c>IValidatableObject</c>), planned once per
/// message type; a type without rules passes straight through.
/// </summary>
internal sealed class ValidationBehavior<TMessage, TResponse>(MessageRegistry registry) : IMessageBehavior<TMessage, TResponse>
    where TMessage : notnull
    where TResponse : IMessageResult<TResponse>
{
    private readonly MessageValidator? _validator = MessageValidator.Create(registry.GetByType(typeof(TMessage)).JsonTypeInfo);

    public ValueTask<TResponse> HandleAsync(
        TMessage message, MessageContext context, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        var errors = _validator?.Validate(message);
        return errors is null
            ? next(message, context, cancellationToken)
            : ValueTask.FromResult(TResponse.FromError(Error.Validation(errors)));
    }
}
