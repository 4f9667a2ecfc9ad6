namespace ServerlessCqrs;

/// <summary>The expected ways a message can fail. Hosts map each kind once (HTTP: 400/404/409/409/422/401/403).</summary>
public enum ErrorKind
{
    /// <summary>The message is invalid; <see cref="Error.Fields"/> says which fields and why.</summary>
    Validation,

    /// <summary>What the message refers to does not exist.</summary>
    NotFound,

    /// <summary>The message conflicts with the current state (for example, confirming a cancelled order).</summary>
    Conflict,

    /// <summary>
    /// Another writer changed the state first (optimistic concurrency). Transient: the resilience
    /// behavior retries the handler, which reloads the state.
    /// </summary>
    Concurrency,

    /// <summary>A business rule forbids the change.</summary>
    RuleViolation,

    /// <summary>The message needs an authenticated caller and there is none.</summary>
    Unauthenticated,

    /// <summary>The caller is known but may not send this message, or act on what it refers to.</summary>
    Forbidden,
}
