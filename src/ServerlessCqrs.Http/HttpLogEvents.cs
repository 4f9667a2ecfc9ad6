namespace ServerlessCqrs.Http;

/// <summary>The ids of the HTTP edge's log events (2000s), named as the events are.</summary>
public static class HttpLogEvents
{
    /// <summary>A request faulted and was answered with a 500 problem.</summary>
    public const int RequestFaulted = 2000;

    /// <summary>A command ran but its outcome could not be stored for its Idempotency-Key.</summary>
    public const int IdempotencyOutcomeNotStored = 2001;

    /// <summary>A request's credentials were refused (expired, wrong audience, bad signature…), answered with 401. Authentication: 2100s.</summary>
    public const int CredentialsRefused = 2100;
}
