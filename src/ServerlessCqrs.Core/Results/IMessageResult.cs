namespace ServerlessCqrs;

/// <summary>What every handler result has: success, or an expected <see cref="ServerlessCqrs.Error"/>.</summary>
public interface IMessageResult
{
    /// <summary><see langword="true"/> when the message succeeded.</summary>
    bool IsSuccess { get; }

    /// <summary>The expected failure, or <see langword="null"/> on success.</summary>
    Error? Error { get; }
}

/// <summary>
/// A result type that generic behaviors can create from an error without reflection
/// (for example, validation short-circuits with <c>TResponse.FromError(...)</c>).
/// </summary>
/// <typeparam name="TSelf">The implementing result type.</typeparam>
public interface IMessageResult<TSelf> : IMessageResult
    where TSelf : IMessageResult<TSelf>
{
    /// <summary>Creates a failed result.</summary>
    static abstract TSelf FromError(Error error);
}
