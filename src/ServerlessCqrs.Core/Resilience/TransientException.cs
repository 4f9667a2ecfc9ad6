namespace ServerlessCqrs.Resilience;

/// <summary>
/// Thrown by handlers for a failure that may pass if tried again (a dependency is busy, a projection
/// waits for an earlier event). Commands and queries retry it in-process; events are redelivered.
/// </summary>
public class TransientException : Exception
{
    /// <summary>Creates the exception.</summary>
    public TransientException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public TransientException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and its cause.</summary>
    public TransientException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
