namespace ServerlessCqrs.Ops.Cli;

/// <summary>
/// A failure the operator can act on, with one line that says what was wrong (never a secret, never a
/// stack trace). Commands throw it; the CLI prints the line and exits with <see cref="ExitCodes.Failure"/>.
/// </summary>
public class OpsException : Exception
{
    /// <summary>Creates the failure.</summary>
    public OpsException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the failure with what caused it (kept for debugging, never printed).</summary>
    public OpsException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates an empty failure.</summary>
    public OpsException()
    {
    }
}
