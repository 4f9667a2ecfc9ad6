namespace ServerlessCqrs.Ops.Cli;

/// <summary>What the CLI exits with.</summary>
internal static class ExitCodes
{
    /// <summary>Everything asked for was done.</summary>
    public const int Success = 0;

    /// <summary>A server, a setting or the work itself failed; one line on standard error says what.</summary>
    public const int Failure = 1;

    /// <summary>The command line was wrong: an unknown command or option, a missing argument, a bad value.</summary>
    public const int BadUsage = 2;
}
