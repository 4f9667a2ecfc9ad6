using System.CommandLine;
using ServerlessCqrs.Ops.DeadLetters;
using ServerlessCqrs.Ops.OpenObserve;
using ServerlessCqrs.Ops.Timeouts;
using ServerlessCqrs.Ops.Tokens;

namespace ServerlessCqrs.Ops.Cli;

/// <summary>The command tree and how a run ends: 0 done, 1 failed, 2 bad usage.</summary>
internal static class OpsCli
{
    /// <summary>Parses and runs <paramref name="args"/>.</summary>
    public static async Task<int> RunAsync(string[] args, OpsContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        var root = new RootCommand("Operates a ServerlessCqrs backend: provisions and checks OpenObserve, handles dead letters and process timeouts, and signs development tokens.")
        {
            OpsCommand.Timeout,
            OpenObserveCommands.Create(context),
            DeadLetterCommands.Create(context),
            TimeoutCommands.Create(context),
            TokenCommand.Create(context),
        };
        var parse = root.Parse(args);
        var invocation = new InvocationConfiguration { Output = context.Output, Error = context.Error, EnableDefaultExceptionHandler = false };
        var exitCode = await parse.InvokeAsync(invocation, cancellationToken);
        // Help clears the parse errors; anything left is a usage error (System.CommandLine reports those as 1).
        return parse.Errors.Count > 0 ? ExitCodes.BadUsage : exitCode;
    }
}
