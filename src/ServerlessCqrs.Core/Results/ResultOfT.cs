using System.Diagnostics.CodeAnalysis;

namespace ServerlessCqrs;

/// <summary>The outcome of a message with a value: the value, or an expected <see cref="ServerlessCqrs.Error"/>.</summary>
/// <typeparam name="T">The value type.</typeparam>
public readonly record struct Result<T> : IMessageResult<Result<T>>
{
    private readonly T? _value;

    private Result(T value)
    {
        _value = value;
        Error = null;
    }

    private Result(Error error)
    {
        _value = default;
        Error = error;
    }

    /// <inheritdoc />
    public bool IsSuccess => Error is null;

    /// <inheritdoc />
    public Error? Error { get; }

    /// <summary>The value of a successful result.</summary>
    /// <exception cref="InvalidOperationException">The result is a failure.</exception>
    public T Value => IsSuccess
        ? _value!
        : throw new InvalidOperationException($"The result failed with '{Error!.Code}' and has no value.");

    /// <summary>Creates a successful result.</summary>
    public static Result<T> Success(T value) => new(value);

    /// <summary>Creates a failed result.</summary>
    public static Result<T> FromError(Error error)
    {
        ArgumentNullException.ThrowIfNull(error);
        return new(error);
    }

    /// <summary>Gets the value when the result succeeded.</summary>
    public bool TryGetValue([MaybeNullWhen(false)] out T value)
    {
        value = _value;
        return IsSuccess;
    }

    /// <summary>Lets handlers <c>return value;</c>.</summary>
    public static implicit operator Result<T>(T value) => Success(value);

    /// <summary>Lets handlers <c>return Error.NotFound(...)</c>.</summary>
    public static implicit operator Result<T>(Error error) => FromError(error);

    /// <inheritdoc />
    public override string ToString() => IsSuccess ? $"Success({_value})" : $"Failure({Error})";
}
