namespace ServerlessCqrs.Functions.Events;

/// <summary>
/// Thrown by a queue-triggered function so the host makes the message visible again and counts the
/// delivery: the only way to ask a Storage Queue trigger for a retry.
/// </summary>
public sealed class EventRedeliveryException : Exception
{
    /// <summary>Creates the exception.</summary>
    public EventRedeliveryException()
    {
    }

    /// <summary>Creates the exception with the reason for the retry.</summary>
    public EventRedeliveryException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with the reason for the retry and the handler's failure.</summary>
    public EventRedeliveryException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}
