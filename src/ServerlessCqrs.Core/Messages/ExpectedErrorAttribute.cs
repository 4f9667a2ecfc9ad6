namespace ServerlessCqrs;

/// <summary>
/// Declares an expected failure a command or query can end in — its kind and stable code — so the API description
/// lists it with the status it maps to (<c>[ExpectedError(ErrorKind.NotFound, "order_not_found")]</c>). The kernel's
/// own failures (validation, authorization, concurrency) need no declaration.
/// </summary>
/// <param name="kind">The kind of failure, which chooses the status.</param>
/// <param name="code">The <see cref="Error.Code"/> the handler returns.</param>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Struct, AllowMultiple = true, Inherited = false)]
public sealed class ExpectedErrorAttribute(ErrorKind kind, string code) : Attribute
{
    /// <summary>The kind of failure.</summary>
    public ErrorKind Kind { get; } = kind;

    /// <summary>The stable code.</summary>
    public string Code { get; } = code;
}
