namespace ServerlessCqrs.Http.Responses;

/// <summary>
/// The <c>code</c> of each problem the edge itself answers with. The pipeline's and handlers' codes are their
/// <see cref="Error"/>s' (<see cref="Error.ValidationCode"/>, <see cref="Error.ForbiddenCode"/>, ...).
/// </summary>
public static class ProblemCodes
{
    /// <summary>400: the body is not JSON of the message's shape.</summary>
    public const string MalformedJson = "malformed_json";

    /// <summary>400: a query-string parameter cannot be read as its field.</summary>
    public const string MalformedQuery = "malformed_query";

    /// <summary>400: the server could not read the request at all.</summary>
    public const string BadRequest = "bad_request";

    /// <summary>400: the <c>Idempotency-Key</c> header is not 1 to 255 visible ASCII characters.</summary>
    public const string InvalidIdempotencyKey = "invalid_idempotency_key";

    /// <summary>401: no credentials where some are needed, or ones that did not hold.</summary>
    public const string Unauthenticated = Error.UnauthenticatedCode;

    /// <summary>404: no command or query has the name.</summary>
    public const string UnknownCommand = "unknown_command";

    /// <summary>404: no query has the name.</summary>
    public const string UnknownQuery = "unknown_query";

    /// <summary>409: a request with the same <c>Idempotency-Key</c> is still running.</summary>
    public const string IdempotencyKeyInUse = "idempotency_key_in_use";

    /// <summary>413: the body is larger than <c>Cqrs:Http:MaxRequestBodyBytes</c>.</summary>
    public const string BodyTooLarge = "body_too_large";

    /// <summary>415: the body is not JSON.</summary>
    public const string UnsupportedMediaType = "unsupported_media_type";

    /// <summary>422: the <c>Idempotency-Key</c> was used for a different request.</summary>
    public const string IdempotencyKeyReused = "idempotency_key_reused";

    /// <summary>500: an unexpected fault.</summary>
    public const string InternalError = "internal_error";
}
