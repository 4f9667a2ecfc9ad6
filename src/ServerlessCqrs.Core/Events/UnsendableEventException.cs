namespace ServerlessCqrs.Events;

/// <summary>
/// Thrown by a transport for an event it can never carry (larger than its message limit, say). The
/// outbox relay parks that event with the reason and sends the others; retrying would not help.
/// </summary>
public sealed class UnsendableEventException : Exception
{
    /// <summary>Creates the exception.</summary>
    public UnsendableEventException()
    {
    }

    /// <summary>Creates the exception with a reason.</summary>
    public UnsendableEventException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a reason and a cause.</summary>
    public UnsendableEventException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception for one event.</summary>
    public UnsendableEventException(EventEnvelope envelope, string message)
        : base(message) => Envelope = envelope;

    /// <summary>The event that cannot be sent.</summary>
    public EventEnvelope? Envelope { get; }
}
