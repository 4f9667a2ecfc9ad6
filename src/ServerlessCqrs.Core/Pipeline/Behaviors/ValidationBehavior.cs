namespace ServerlessCqrs.Pipeline.Behaviors;

/// <summary>
/// Rejects invalid commands and queries with a validation <see cref="Error"/> before any handler or
/// retry runs. Rules are DataAnnotations attributes (and <c>IValidatableObject</c>), planned at startup.
/// </summary>
internal sealed class ValidationBehavior<TMessage, TResponse> : IMessageBehavior<TMessage, TResponse>
    where TMessage : notnull
    where TResponse : IMessageResult<TResponse>
{
    public ValueTask<TResponse> HandleAsync(
        TMessage message, MessageContext context, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        var errors = context.Message.Validator?.Validate(message);
        return errors is null
            ? next(message, context, cancellationToken)
            : ValueTask.FromResult(TResponse.FromError(Error.Validation(errors)));
    }
}
