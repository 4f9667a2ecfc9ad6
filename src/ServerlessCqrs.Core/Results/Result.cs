namespace ServerlessCqrs;

/// <summary>The outcome of a message with no value: success or an expected <see cref="ServerlessCqrs.Error"/>.</summary>
/// <remarks>A struct, so success allocates nothing; <c>default</c> is success.</remarks>
public readonly record struct Result : IMessageResult<Result>
{
    private Result(Error error) => Error = error;

    /// <summary>The successful result.</summary>
    public static Result Success => default;

    /// <inheritdoc />
    public bool IsSuccess => Error is null;

    /// <inheritdoc />
    public Error? Error { get; }

    /// <summary>Creates a failed result.</summary>
    public static Result FromError(Error error)
    {
        ArgumentNullException.ThrowIfNull(error);
        return new(error);
    }

    /// <summary>Lets handlers <c>return Error.NotFound(...)</c>.</summary>
    public static implicit operator Result(Error error) => FromError(error);

    /// <inheritdoc />
    public override string ToString() => IsSuccess ? "Success" : $"Failure({Error})";
}
