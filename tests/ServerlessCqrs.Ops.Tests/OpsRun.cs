using Microsoft.Extensions.Configuration;
using ServerlessCqrs.Ops.Cli;

namespace ServerlessCqrs.Ops.Tests;

/// <summary>One run of the CLI in this process, with these settings in place of the environment, its output redirected.</summary>
public sealed record OpsRun(int ExitCode, string Output, string Error)
{
    public static async Task<OpsRun> RunAsync(IReadOnlyDictionary<string, string?> settings, params string[] args)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exitCode = await OpsCli.RunAsync(args, OpsContext.For(configuration, output, error, interactive: false));
        return new OpsRun(exitCode, output.ToString(), error.ToString());
    }

    /// <summary>Everything the run wrote.</summary>
    public string All => Output + Error;

    /// <summary>The rows of the markdown tables written to standard output, each as its trimmed cells (header rows included).</summary>
    public IReadOnlyList<string[]> TableRows =>
    [
        .. Output.Split('\n', StringSplitOptions.TrimEntries)
            .Where(line => line.StartsWith('|') && !line.StartsWith("| -", StringComparison.Ordinal) && !line.StartsWith("|--", StringComparison.Ordinal))
            .Select(line => line.Trim('|').Split('|', StringSplitOptions.TrimEntries)),
    ];

    /// <summary>Whether a table has a row starting with these cells.</summary>
    public bool HasRow(params string[] cells) => TableRows.Any(row => row.Take(cells.Length).SequenceEqual(cells));

    /// <summary>The lines on standard error.</summary>
    public string[] ErrorLines => Error.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
