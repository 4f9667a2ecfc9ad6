using System.Net;
using ServerlessCqrs.Ops.Cli;

namespace ServerlessCqrs.Ops.OpenObserve;

/// <summary>OpenObserve could not be reached or refused a request; the message is the one line the operator sees.</summary>
public sealed class OpenObserveException : OpsException
{
    /// <summary>Creates the failure.</summary>
    public OpenObserveException(string message, HttpStatusCode? status = null, Exception? innerException = null)
        : base(message, innerException ?? new HttpRequestException(message))
    {
        Status = status;
    }

    /// <summary>Creates an empty failure.</summary>
    public OpenObserveException()
    {
    }

    /// <summary>Creates the failure.</summary>
    public OpenObserveException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the failure with its cause.</summary>
    public OpenObserveException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The status OpenObserve answered with; <see langword="null"/> when it did not answer.</summary>
    public HttpStatusCode? Status { get; }
}
