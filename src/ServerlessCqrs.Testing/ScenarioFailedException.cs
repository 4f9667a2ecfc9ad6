namespace ServerlessCqrs.Testing;

/// <summary>A scenario's outcome was not the one its Then expected; the message says what happened instead.</summary>
public sealed class ScenarioFailedException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ScenarioFailedException()
    {
    }

    /// <summary>Creates the exception with what happened.</summary>
    public ScenarioFailedException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with what happened and why.</summary>
    public ScenarioFailedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
