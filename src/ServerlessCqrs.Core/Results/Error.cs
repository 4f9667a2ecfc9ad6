using System.Collections.Frozen;

namespace ServerlessCqrs;

/// <summary>An expected failure: a kind, a stable machine-readable code and a message for people.</summary>
public sealed record Error
{
    private static readonly IReadOnlyDictionary<string, string[]> NoFields =
        FrozenDictionary<string, string[]>.Empty;

    /// <summary>The code of every <see cref="ErrorKind.Validation"/> error.</summary>
    public const string ValidationCode = "validation_failed";

    /// <summary>The code of every <see cref="ErrorKind.Concurrency"/> error.</summary>
    public const string ConcurrencyCode = "concurrency_conflict";

    /// <summary>The code of the authorization stage's <see cref="ErrorKind.Forbidden"/> error.</summary>
    public const string ForbiddenCode = "forbidden";

    /// <summary>The code of every <see cref="ErrorKind.Unauthenticated"/> error.</summary>
    public const string UnauthenticatedCode = "unauthenticated";

    private Error(ErrorKind kind, string code, string message, IReadOnlyDictionary<string, string[]>? fields)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(code);
        ArgumentException.ThrowIfNullOrWhiteSpace(message);
        Kind = kind;
        Code = code;
        Message = message;
        Fields = fields ?? NoFields;
    }

    /// <summary>The kind of failure.</summary>
    public ErrorKind Kind { get; }

    /// <summary>A stable code, such as <c>order_not_found</c>.</summary>
    public string Code { get; }

    /// <summary>A message for people; never contains internals.</summary>
    public string Message { get; }

    /// <summary>For validation failures: field path (camelCase JSON) to messages. Empty otherwise.</summary>
    public IReadOnlyDictionary<string, string[]> Fields { get; }

    /// <summary>The message is invalid.</summary>
    public static Error Validation(IReadOnlyDictionary<string, string[]> fields, string message = "One or more fields are invalid.")
    {
        ArgumentNullException.ThrowIfNull(fields);
        return new(ErrorKind.Validation, ValidationCode, message, fields);
    }

    /// <summary>One field of the message is invalid.</summary>
    public static Error Validation(string field, string message) =>
        Validation(new Dictionary<string, string[]> { [field] = [message] });

    /// <summary>What the message refers to does not exist.</summary>
    public static Error NotFound(string code, string message) => new(ErrorKind.NotFound, code, message, null);

    /// <summary>The message conflicts with the current state.</summary>
    public static Error Conflict(string code, string message) => new(ErrorKind.Conflict, code, message, null);

    /// <summary>Another writer changed the state first.</summary>
    public static Error Concurrency(string message) => new(ErrorKind.Concurrency, ConcurrencyCode, message, null);

    /// <summary>A business rule forbids the change.</summary>
    public static Error RuleViolation(string code, string message) => new(ErrorKind.RuleViolation, code, message, null);

    /// <summary>The message needs an authenticated caller.</summary>
    public static Error Unauthenticated(string message = "This message needs an authenticated caller.") =>
        new(ErrorKind.Unauthenticated, UnauthenticatedCode, message, null);

    /// <summary>The caller may not send the message or act on what it refers to.</summary>
    public static Error Forbidden(string code, string message) => new(ErrorKind.Forbidden, code, message, null);

    /// <inheritdoc />
    public override string ToString() => $"{Kind} {Code}: {Message}";
}
