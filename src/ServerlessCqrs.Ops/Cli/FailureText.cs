namespace ServerlessCqrs.Ops.Cli;

/// <summary>How another library's failure message is quoted: its first line only, never a stack or a dump.</summary>
internal static class FailureText
{
    /// <summary>The first line of <paramref name="message"/>, trimmed.</summary>
    public static string FirstLine(string message) => message.Split('\n', 2)[0].Trim();
}
